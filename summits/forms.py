import datetime

from django import forms
from django.utils import timezone
from django.utils.text import Truncator

from members.models import Organisation
from summits.enums import AttendanceMode, Disposition, Stance, SummitFormat
from summits.models import Summit
from summits.services import SUMMIT_FIELDS
from workgroups.forms import DateInput, TimeInput


class SummitForm(forms.ModelForm):
    """A summit's date and times are typed in the organiser's own time zone."""

    date = forms.DateField(widget=DateInput())
    start_time = forms.TimeField(label="Starts at", widget=TimeInput())
    end_time = forms.TimeField(label="Ends at", widget=TimeInput())

    class Meta:
        model = Summit
        fields = ["title", "format", "venue", "address", "meeting_link", "agenda"]
        labels = {"meeting_link": "Meeting link"}
        widgets = {
            "format": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {"agenda": "Markdown: **bold**, - lists, [links](https://…)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = SummitFormat.choices  # no "select an option" radio
        if self.instance.pk:
            starts = timezone.localtime(self.instance.starts_at)
            ends = timezone.localtime(self.instance.ends_at)
            self.initial.update(date=starts.date(), start_time=starts.time(), end_time=ends.time())

    def clean(self):
        cleaned = super().clean()
        summit_format = cleaned.get("format")
        if summit_format in (SummitFormat.IN_PERSON, SummitFormat.HYBRID) and not cleaned.get(
            "venue"
        ):
            self.add_error("venue", "Say where the summit meets.")
        if summit_format in (SummitFormat.VIRTUAL, SummitFormat.HYBRID) and not cleaned.get(
            "meeting_link"
        ):
            self.add_error("meeting_link", "Give the link people join by.")
        if all(cleaned.get(name) for name in ("date", "start_time", "end_time")):
            zone = timezone.get_current_timezone()
            cleaned["starts_at"] = datetime.datetime.combine(
                cleaned["date"], cleaned["start_time"], tzinfo=zone
            )
            cleaned["ends_at"] = datetime.datetime.combine(
                cleaned["date"], cleaned["end_time"], tzinfo=zone
            )
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("end_time", "The summit ends after it starts.")
        return cleaned

    def summit_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SUMMIT_FIELDS}


class RegistrationForm(forms.Form):
    single_mode = False
    mode = forms.ChoiceField(
        label="How will you attend?", choices=AttendanceMode.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        if not (summit.in_person and summit.online):
            only = AttendanceMode.IN_PERSON if summit.in_person else AttendanceMode.ONLINE
            self.fields["mode"].choices = [(only.value, only.label)]
            self.single_mode = True
            self.fields["mode"].initial = only.value
            self.fields["mode"].widget = forms.HiddenInput()


class RoundForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="For example “Before the summit”.")
    opens_on = forms.DateField(label="Opens on", widget=DateInput())
    opens_time = forms.TimeField(label="Opening time", widget=TimeInput(), initial="09:00")
    closes_on = forms.DateField(label="Closes on", widget=DateInput())
    closes_time = forms.TimeField(label="Closing time", widget=TimeInput(), initial="17:00")
    results_while_open = forms.BooleanField(
        label="Show members the results while the round is open",
        required=False,
        help_text="Otherwise they see them once it closes.",
    )
    papers = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Submitted papers go under review as the round takes them.",
    )

    def __init__(self, *args, papers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["papers"].queryset = papers
        self.fields["papers"].label_from_instance = lambda paper: (
            f"{paper.title} ({paper.issue.workgroup.name}, {paper.get_state_display().lower()})"
        )

    def clean(self):
        cleaned = super().clean()
        zone = timezone.get_current_timezone()
        for prefix in ("opens", "closes"):
            day, time = cleaned.get(f"{prefix}_on"), cleaned.get(f"{prefix}_time")
            if day and time:
                cleaned[f"{prefix}_at"] = datetime.datetime.combine(day, time, tzinfo=zone)
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_on", "The round closes after it opens.")
        return cleaned

    def round_fields(self) -> dict:
        names = ("title", "opens_at", "closes_at", "results_while_open", "papers")
        return {name: self.cleaned_data[name] for name in names}


class FeedbackForm(forms.Form):
    stance = forms.ChoiceField(choices=Stance.choices, widget=forms.RadioSelect)
    recommendation_number = forms.TypedChoiceField(
        label="About",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="The whole paper, or one of its recommendations.",
    )
    comments = forms.CharField(
        required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )
    suggested_changes = forms.CharField(
        required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )
    organisation_position = forms.BooleanField(required=False)

    recorded = None  # the submitted feedback a shown draft would replace

    def __init__(self, *args, recommendations=(), organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation_number"].choices = [
            ("", "The whole paper"),
            *[
                (n, f"Recommendation {n}: {Truncator(text).chars(70)}")
                for n, text in recommendations
            ],
        ]
        if organisation:
            self.fields[
                "organisation_position"
            ].label = f"This states the position of {organisation}"
            self.fields[
                "organisation_position"
            ].help_text = "One position per organisation per paper in each round."
        else:
            del self.fields["organisation_position"]

    def feedback_fields(self) -> dict:
        return {
            "stance": self.cleaned_data["stance"],
            "comments": self.cleaned_data["comments"],
            "suggested_changes": self.cleaned_data["suggested_changes"],
            "recommendation_number": self.cleaned_data["recommendation_number"],
            "organisation_position": self.cleaned_data.get("organisation_position", False),
        }


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(choices=[("", "— choose —"), *Disposition.choices])
    reason = forms.CharField(
        max_length=1000, required=False, help_text="A sentence the giver will read."
    )


class OnBehalfForm(FeedbackForm):
    """Feedback an organiser types in for someone without an account."""

    giver_name = forms.CharField(label="Given by", max_length=200, help_text="Their name.")
    organisation = forms.ModelChoiceField(
        queryset=None, required=False, help_text="If they spoke for or came from one."
    )

    field_order = ["giver_name", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, organisation="their organisation", **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.order_fields(self.field_order)

    def feedback_fields(self) -> dict:
        return {
            **super().feedback_fields(),
            "giver_name": self.cleaned_data["giver_name"],
            "organisation": self.cleaned_data["organisation"],
        }
