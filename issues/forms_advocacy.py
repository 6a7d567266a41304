"""Forms and filters of advocacy's registers (issue 13): legislators, their
CSV import, bills and their status, and the districts where an organisation
has constituents."""

import re

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone

from issues.enums import BillStatus, Chamber, PaperState, Party
from issues.filters import DateInput
from issues.models import Bill, Committee, IssuePaper, Legislator, Recommendation
from issues.services.advocacy_registry import (
    ASSEMBLY_DISTRICTS,
    SENATE_DISTRICTS,
    district_error,
    seat_holder,
)
from members.models import Organisation
from members.uploads import check_csv_text


class CommitteeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, committee):
        return f"{committee.get_chamber_display()}: {committee.name}"


class RecommendationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, recommendation):
        text = " ".join(recommendation.text.split())
        if len(text) > 90:
            text = text[:89] + "…"
        return f"{recommendation.revision.paper.title} — {recommendation.number}. {text}"


# Legislators ---------------------------------------------------------------


class LegislatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name or district", method="search")
    chamber = django_filters.ChoiceFilter(choices=Chamber.choices, empty_label="Both chambers")
    party = django_filters.ChoiceFilter(choices=Party.choices, empty_label="Any party")
    committee = django_filters.ModelChoiceFilter(
        field_name="committees", queryset=Committee.objects.all(), empty_label="Any committee"
    )

    class Meta:
        model = Legislator
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isascii() and value.isdigit():
            return queryset.filter(Q(district=int(value)) | Q(full_name__icontains=value))
        return queryset.filter(full_name__icontains=value)


class LegislatorForm(forms.ModelForm):
    committees = CommitteeChoiceField(
        queryset=Committee.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Assembly committees first, then the Senate's.",
    )

    class Meta:
        model = Legislator
        fields = [
            "full_name", "chamber", "district", "party", "committees", "office_phone",
            "office_email", "office_address", "staff", "term_start", "term_end", "external_id",
        ]  # fmt: skip
        labels = {
            "full_name": "Full name",
            "office_phone": "Office phone",
            "office_email": "Office email",
            "office_address": "Office address",
            "term_start": "Term starts",
            "term_end": "Term ends",
            "external_id": "External id",
        }
        widgets = {
            "staff": forms.Textarea(attrs={"rows": 3}),
            "term_start": DateInput(),
            "term_end": DateInput(),
        }

    def clean(self):
        cleaned = super().clean()
        chamber, district = cleaned.get("chamber"), cleaned.get("district")
        if chamber and district is not None and (problem := district_error(chamber, district)):
            self.add_error("district", problem)
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", "The term cannot end before it starts.")
        return cleaned

    def validate_constraints(self):
        """The model's constraints, each said in words next to its field
        (Django's own message names the constraint)."""
        cleaned = self.cleaned_data
        # exclude(pk=None) excludes nobody: a new legislator is compared with all.
        others = Legislator.objects.exclude(pk=self.instance.pk)
        seat_taken = all(cleaned.get(key) for key in ("full_name", "chamber", "district")) and (
            others.filter(
                chamber=cleaned["chamber"],
                district=cleaned["district"],
                full_name__iexact=cleaned["full_name"],
            ).exists()
        )
        if seat_taken:
            self.add_error(
                "full_name",
                "A legislator with this name already holds this seat: edit that one instead.",
            )
        external_id = (cleaned.get("external_id") or "").strip()
        if external_id and others.filter(external_id=external_id).exists():
            self.add_error("external_id", "Another legislator has this external id.")
        if not seat_taken and (sitting := self._sitting_in_the_seat(others)):
            self.add_error(
                "district",
                f"{sitting.full_name} holds this seat for the same time. Give one of them a "
                "term that ends before the other's starts, or correct the district.",
            )

    def _sitting_in_the_seat(self, others):
        """Another legislator in this seat whose term overlaps this one's."""
        cleaned = self.cleaned_data
        if not (cleaned.get("chamber") and cleaned.get("district") is not None):
            return None
        return seat_holder(
            chamber=cleaned["chamber"],
            district=cleaned["district"],
            term_start=cleaned.get("term_start"),
            term_end=cleaned.get("term_end"),
            legislators=others.filter(chamber=cleaned["chamber"], district=cleaned["district"]),
        )


class LegislatorImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: name, chamber, district, party, committees, phone, email, address, "
        "staff, term_start, term_end, external_id. Separate several committees with a "
        "semicolon. At most 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 2 MB; a legislature fits in far less. Check that it "
                "is the right file, or split it into parts."
            )
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Upload a .csv file (save the spreadsheet as CSV).")
        check_csv_text(upload, advice="Save the spreadsheet as CSV and upload that.")
        return upload


# Bills ---------------------------------------------------------------------


def _bill_sessions():
    sessions = Bill.objects.order_by("-session").values_list("session", flat=True).distinct()
    return [(session, session) for session in sessions]


class BillFilter(django_filters.FilterSet):
    session = django_filters.ChoiceFilter(choices=_bill_sessions, empty_label="Any session")
    status = django_filters.ChoiceFilter(choices=BillStatus.choices, empty_label="Any status")
    paper = django_filters.ModelChoiceFilter(
        field_name="papers",
        queryset=IssuePaper.objects.filter(bills__isnull=False).distinct().order_by("title"),
        empty_label="Any paper",
    )

    class Meta:
        model = Bill
        fields = []


def adopted_recommendations():
    """The recommendations of the adopted papers, as adopted."""
    return (
        Recommendation.objects.filter(
            revision__paper__state=PaperState.ADOPTED,
            revision__paper__adopted_revision=F("revision"),
        )
        .select_related("revision__paper")
        .order_by("revision__paper__title", "number")
    )


class BillForm(forms.ModelForm):
    papers = forms.ModelMultipleChoiceField(
        queryset=IssuePaper.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The adopted papers this bill carries.",
    )
    recommendations = RecommendationChoiceField(
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The recommendations of those papers that the bill enacts.",
    )
    committees = CommitteeChoiceField(
        queryset=Committee.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The committees that will hear it.",
    )

    class Meta:
        model = Bill
        fields = ["number", "session", "title", "status", "link", "papers", "recommendations",
                  "committees"]  # fmt: skip
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}
        labels = {"link": "Link to the bill"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adopted = Q(state=PaperState.ADOPTED)
        recommendations = adopted_recommendations()
        if self.instance.pk:
            # Once the status has a history, it changes through "Record a new status".
            del self.fields["status"]
            # A paper archived since keeps its place on the bill until someone unticks it.
            adopted |= Q(pk__in=self.instance.papers.values("pk"))
            recommendations = recommendations | Recommendation.objects.filter(
                pk__in=self.instance.recommendations.values("pk")
            ).select_related("revision__paper")
        self.fields["papers"].queryset = IssuePaper.objects.filter(adopted).order_by("title")
        self.fields["recommendations"].queryset = recommendations

    def clean_number(self):
        return " ".join(self.cleaned_data["number"].split()).upper()

    def clean_session(self):
        return self.cleaned_data["session"].strip()

    def clean(self):
        cleaned = super().clean()
        papers = set(cleaned.get("papers") or [])
        stray = [
            recommendation
            for recommendation in cleaned.get("recommendations") or []
            if recommendation.revision.paper not in papers
        ]
        if stray:
            self.add_error(
                "recommendations",
                "Tick the paper of each recommendation too: "
                + "; ".join(
                    f"{item.revision.paper.title}, recommendation {item.number}" for item in stray
                )
                + ".",
            )
        return cleaned

    def validate_constraints(self):
        number, session = self.cleaned_data.get("number"), self.cleaned_data.get("session")
        if not (number and session):
            return
        clash = Bill.objects.filter(number__iexact=number, session=session)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error("number", f"{number} of the {session} session is already recorded.")


class BillStatusForm(forms.Form):
    status = forms.ChoiceField(label="New status", choices=BillStatus.choices)
    on = forms.DateField(label="Since", widget=DateInput())
    note = forms.CharField(
        label="Note",
        max_length=300,
        required=False,
        help_text="For example the vote, or the committee's hearing.",
    )

    def clean_on(self):
        # A step dated ahead would show as the bill's status at once.
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("Record a step once it has happened: the date is ahead.")
        return on


# Districts -----------------------------------------------------------------


class OrganisationDistrictsForm(forms.Form):
    """Districts typed as lists of numbers: "12, 14, 70"."""

    assembly = forms.CharField(
        label="Assembly districts",
        required=False,
        max_length=500,
        help_text=f"Numbers from 1 to {ASSEMBLY_DISTRICTS}, separated by commas: 12, 14, 70.",
    )
    senate = forms.CharField(
        label="Senate districts",
        required=False,
        max_length=300,
        help_text=f"Numbers from 1 to {SENATE_DISTRICTS}, separated by commas: 5, 24.",
    )

    def clean_assembly(self):
        return _district_numbers(self.cleaned_data["assembly"], ASSEMBLY_DISTRICTS)

    def clean_senate(self):
        return _district_numbers(self.cleaned_data["senate"], SENATE_DISTRICTS)


def _district_numbers(text: str, maximum: int) -> list[int]:
    parts = [part for part in re.split(r"[\s,;]+", text) if part]
    not_numbers = [part for part in parts if not (part.isascii() and part.isdigit())]
    if not_numbers:
        raise forms.ValidationError(
            f"Type district numbers only, separated by commas; not: {', '.join(not_numbers)}."
        )
    numbers = sorted({int(part) for part in parts})
    outside = [str(number) for number in numbers if not 1 <= number <= maximum]
    if outside:
        raise forms.ValidationError(
            f"Districts run from 1 to {maximum}; not: {', '.join(outside)}."
        )
    return numbers


# A paper's supporters ------------------------------------------------------------


class SupporterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Add a supporting organisation",
        queryset=None,
        help_text="A partner organisation that has endorsed this paper.",
    )

    def __init__(self, *args, paper, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            supported_papers__paper=paper
        ).order_by("name")
