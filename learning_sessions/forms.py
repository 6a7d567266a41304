import datetime

from django import forms
from django.utils import timezone

from learning_sessions.enums import SessionStatus, Visibility
from learning_sessions.models import LearningSession, Topic
from learning_sessions.services import SESSION_FIELDS
from workgroups.forms import DateInput, TimeInput


class SessionForm(forms.ModelForm):
    """A session in the plan. Times are typed in the planner's own time zone."""

    date = forms.DateField(required=False, widget=DateInput(), help_text="Once scheduled.")
    start_time = forms.TimeField(label="Starts at", required=False, widget=TimeInput())
    presenters = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: name; organisation; a short bio.",
    )

    class Meta:
        model = LearningSession
        fields = ["title", "status", "proposed_month", "duration_minutes", "description",
                  "topics", "visibility", "meeting_link", "recording_link", "slides_link",
                  "summary"]  # fmt: skip
        labels = {"duration_minutes": "Length in minutes", "meeting_link": "Meeting link"}
        widgets = {
            "status": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "proposed_month": DateInput(),
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["status"].choices = SessionStatus.choices
        self.fields["visibility"].choices = Visibility.choices
        if self.instance.pk:
            if self.instance.starts_at:
                local = timezone.localtime(self.instance.starts_at)
                self.initial.update(date=local.date(), start_time=local.time())
            self.initial["presenters"] = "\n".join(
                "; ".join(filter(None, [p.name, p.organisation, p.bio]))
                for p in self.instance.presenters.all()
            )

    def clean_presenters(self) -> list[dict]:
        presenters = []
        for line in self.cleaned_data["presenters"].splitlines():
            parts = [part.strip() for part in line.split(";", 2)]
            if not parts[0]:
                continue
            name, organisation, bio = [*parts, "", ""][:3]
            presenters.append({"name": name[:200], "organisation": organisation[:200],
                               "bio": bio[:2000]})  # fmt: skip
        return presenters

    def clean(self):
        cleaned = super().clean()
        cleaned["starts_at"] = None
        if cleaned.get("date") and cleaned.get("start_time"):
            cleaned["starts_at"] = datetime.datetime.combine(
                cleaned["date"], cleaned["start_time"], tzinfo=timezone.get_current_timezone()
            )
        if cleaned.get("status") not in (None, SessionStatus.IDEA) and not cleaned["starts_at"]:
            self.add_error("date", "A scheduled session needs its date and start time.")
        return cleaned

    def session_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SESSION_FIELDS}


class GuestRegistrationForm(forms.Form):
    name = forms.CharField(max_length=200, label="Your name")
    email = forms.EmailField(label="Your email", help_text="We send the link to join here.")
    organisation = forms.CharField(max_length=200, required=False, label="Your organisation")
