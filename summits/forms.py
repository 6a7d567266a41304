import datetime

from django import forms
from django.utils import timezone

from summits.enums import AttendanceMode, SummitFormat
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
    mode = forms.ChoiceField(
        label="How will you attend?", choices=AttendanceMode.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        if not (summit.in_person and summit.online):
            only = AttendanceMode.IN_PERSON if summit.in_person else AttendanceMode.ONLINE
            self.fields["mode"].choices = [(only.value, only.label)]
            self.fields["mode"].initial = only.value
            self.fields["mode"].widget = forms.HiddenInput()
