import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from issues.enums import Legislative, Status, Term
from issues.models import Issue, Lever, PolicyArea
from workgroups.models import Workgroup


class DateInput(forms.DateInput):
    input_type = "date"


class IssueFilter(django_filters.FilterSet):
    """The triage page's filters. Search matches title and description; on
    PostgreSQL a trigram index serves it (issues/migrations/0002)."""

    q = django_filters.CharFilter(label="Search", method="search")
    workgroup = django_filters.ModelChoiceFilter(
        queryset=Workgroup.objects.all(), empty_label="Any workgroup"
    )
    term = django_filters.ChoiceFilter(
        choices=[*Term.choices, ("none", "No term yet")],
        method="filter_term",
        empty_label="Any term",
    )
    legislative = django_filters.ChoiceFilter(
        label="Legislative", choices=Legislative.choices, empty_label="Any"
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status")
    lever = django_filters.ModelChoiceFilter(
        label="Lever of change",
        field_name="levers",
        queryset=Lever.objects.all(),
        empty_label="Any lever",
    )
    policy_area = django_filters.ModelChoiceFilter(
        label="Policy area",
        field_name="policy_areas",
        queryset=PolicyArea.objects.all(),
        empty_label="Any policy area",
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.filter(owned_issues__isnull=False).distinct(),
        empty_label="Anyone",
    )
    impact_min = django_filters.NumberFilter(
        label="Impact at least", field_name="impact", lookup_expr="gte", min_value=1, max_value=5
    )
    momentum_min = django_filters.NumberFilter(
        label="Momentum at least",
        field_name="momentum",
        lookup_expr="gte",
        min_value=1,
        max_value=5,
    )
    proposed_after = django_filters.DateFilter(
        label="Proposed on or after",
        field_name="proposed_at",
        lookup_expr="date__gte",
        widget=DateInput(),
    )
    proposed_before = django_filters.DateFilter(
        label="Proposed on or before",
        field_name="proposed_at",
        lookup_expr="date__lte",
        widget=DateInput(),
    )

    class Meta:
        model = Issue
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.lstrip("#").isascii() and value.lstrip("#").isdigit():
            return queryset.filter(
                Q(pk=int(value.lstrip("#")))
                | Q(title__icontains=value)
                | Q(description__icontains=value)
            )
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_term(self, queryset, name, value):
        return queryset.filter(term="" if value == "none" else value)
