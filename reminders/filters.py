import django_filters
from django.db.models import Q

from reminders.enums import DeliveryStatus
from reminders.models import Delivery
from reminders.registry import registry
from workgroups.forms import DateInput


def kind_choices():
    kinds = {"email": "Other email (invitations, confirmations …)"}
    kinds |= {name: kind.label for name, kind in registry.reminders.items()}
    kinds |= {name: kind.label for name, kind in registry.notifications.items()}
    return list(kinds.items())


class DeliveryFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices, empty_label="Any status")
    kind = django_filters.ChoiceFilter(choices=kind_choices, empty_label="Any kind")
    q = django_filters.CharFilter(label="Email or error", method="filter_q")
    due_after = django_filters.DateFilter(
        label="Due on or after", field_name="due_at", lookup_expr="date__gte", widget=DateInput
    )
    due_before = django_filters.DateFilter(
        label="Due on or before", field_name="due_at", lookup_expr="date__lte", widget=DateInput
    )

    class Meta:
        model = Delivery
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(email__icontains=value) | Q(last_error__icontains=value))
