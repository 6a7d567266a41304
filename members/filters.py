import django_filters
from django.db.models import Q

from members.models import Organisation, Sector, User
from workgroups.enums import Role
from workgroups.models import Membership, Workgroup

ROLE_CHOICES = [
    ("admin", "Admin"),
    ("core", "Core Group"),
    ("chair", "Chair"),
    ("member", "Workgroup member"),
    ("partner", "Partner (in no workgroup)"),
]
ACTIVE_CHOICES = [("yes", "Active"), ("no", "Deactivated")]


def _current(prefix="memberships__"):
    return Q(**{f"{prefix}ended_on__isnull": True})


class PeopleFilter(django_filters.FilterSet):
    """The admins' people list: everyone, every field."""

    q = django_filters.CharFilter(label="Name or email", method="filter_q")
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), empty_label="Any organisation"
    )
    sector = django_filters.ModelChoiceFilter(
        label="Sector",
        field_name="organisation__sector",
        queryset=Sector.objects.all(),
        empty_label="Any sector",
    )
    workgroup = django_filters.ModelChoiceFilter(
        label="Workgroup",
        queryset=Workgroup.objects.all(),
        method="filter_workgroup",
        empty_label="Any workgroup",
    )
    role = django_filters.ChoiceFilter(
        label="Role", choices=ROLE_CHOICES, method="filter_role", empty_label="Any role"
    )
    active = django_filters.ChoiceFilter(
        label="Account", choices=ACTIVE_CHOICES, method="filter_active", empty_label="Active or not"
    )

    class Meta:
        model = User
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(full_name__icontains=value) | Q(email__icontains=value))

    def filter_workgroup(self, queryset, name, value):
        return queryset.filter(_current(), memberships__workgroup=value).distinct()

    def filter_role(self, queryset, name, value):
        if value == "admin":
            return queryset.filter(is_staff=True)
        if value == "core":
            return queryset.filter(
                _current(), memberships__workgroup__is_core_group=True
            ).distinct()
        if value == "chair":
            return queryset.filter(_current(), memberships__role=Role.CHAIR).distinct()
        if value == "member":
            return queryset.filter(
                _current(), memberships__workgroup__is_core_group=False
            ).distinct()
        return queryset.exclude(pk__in=Membership.objects.current().values("person"))

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")


class DirectoryFilter(django_filters.FilterSet):
    """The members' directory. Organisation, sector and the name search match an
    affiliation only where the person shows it, so a filter never reveals a
    hidden one."""

    q = django_filters.CharFilter(label="Name or organisation", method="filter_q")
    sector = django_filters.ModelChoiceFilter(
        label="Sector",
        queryset=Sector.objects.all(),
        method="filter_sector",
        empty_label="Any sector",
    )
    workgroup = django_filters.ModelChoiceFilter(
        label="Workgroup",
        queryset=Workgroup.objects.all(),
        method="filter_workgroup",
        empty_label="Any workgroup",
    )

    class Meta:
        model = User
        fields = []

    def __init__(self, *args, sees_all: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sees_all = sees_all

    def _shown(self) -> Q:
        return Q() if self.sees_all else Q(show_organisation=True)

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(full_name__icontains=value) | (self._shown() & Q(organisation__name__icontains=value))
        )

    def filter_sector(self, queryset, name, value):
        return queryset.filter(self._shown(), organisation__sector=value)

    def filter_workgroup(self, queryset, name, value):
        return queryset.filter(_current(), memberships__workgroup=value).distinct()
