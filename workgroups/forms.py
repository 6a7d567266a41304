import datetime
import zoneinfo
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import Resolver404, resolve

from workgroups import recurrence
from workgroups.enums import Frequency, Weekday, WeekOfMonth
from workgroups.models import Meeting, MeetingSeries, Membership, Workgroup, WorkgroupUpdate
from workgroups.models.meetings import time_zone_choices


class MembershipRequestForm(forms.Form):
    message = forms.CharField(
        label="Message to the chairs",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example what you would like to work on.",
    )


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class SeriesForm(forms.ModelForm):
    """A recurring meeting, described in people's words and stored as an RRULE."""

    frequency = forms.ChoiceField(
        choices=Frequency.choices, initial=Frequency.MONTHLY, widget=forms.RadioSelect
    )
    weekday = forms.TypedChoiceField(choices=Weekday.choices, coerce=int, initial=Weekday.TUESDAY)
    week_of_month = forms.TypedChoiceField(
        label="Which week (monthly meetings)",
        choices=WeekOfMonth.choices,
        coerce=int,
        initial=WeekOfMonth.SECOND,
        required=False,
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "title",
            "starts_on",
            "start_time",
            "duration_minutes",
            "time_zone",
            "until",
            "meeting_link",
        ]
        labels = {
            "starts_on": "First date",
            "start_time": "Start time",
            "duration_minutes": "Length in minutes",
            "time_zone": "Time zone",
            "until": "Last date",
            "meeting_link": "Meeting link",
        }
        help_texts = {
            "meeting_link": "Leave empty to use the workgroup's usual link.",
            "starts_on": "The series starts on the first matching day from this date.",
        }
        widgets = {"starts_on": DateInput(), "until": DateInput(), "start_time": TimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].initial = settings.TIME_ZONE
        if self.instance.pk:
            self.initial.update(recurrence.parse_rule(self.instance.rule))

    def clean(self):
        cleaned = super().clean()
        frequency, weekday = cleaned.get("frequency"), cleaned.get("weekday")
        if frequency == Frequency.MONTHLY and not cleaned.get("week_of_month"):
            self.add_error("week_of_month", "Choose which week of the month.")
        starts_on, until = cleaned.get("starts_on"), cleaned.get("until")
        if starts_on and until and until < starts_on:
            self.add_error("until", "The last date must come after the first.")
        if frequency and weekday is not None and not self.errors:
            cleaned["rule"] = recurrence.build_rule(
                frequency=frequency, weekday=weekday, week_of_month=cleaned.get("week_of_month")
            )
        return cleaned

    def series_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["rule"] = self.cleaned_data["rule"]
        return fields


class MeetingForm(forms.ModelForm):
    """One meeting: a one-off, or one occurrence moved or edited on its own."""

    date = forms.DateField(widget=DateInput())
    start_time = forms.TimeField(label="Start time", widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label="Length in minutes", min_value=5, max_value=24 * 60, initial=60
    )
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial=settings.TIME_ZONE)

    class Meta:
        model = Meeting
        fields = ["title", "meeting_link", "location", "agenda"]
        labels = {"meeting_link": "Meeting link", "agenda": "Agenda"}
        help_texts = {
            "agenda": "Markdown: **bold**, - lists, [links](https://…). Open action items "
            "are added to the agenda by themselves.",
            "location": "For in-person meetings.",
        }
        widgets = {"agenda": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            local = self.instance.starts_at.astimezone(self.instance.local_zone)
            self.initial.update(
                date=local.date(),
                start_time=local.time().replace(second=0, microsecond=0),
                duration_minutes=int(
                    (self.instance.ends_at - self.instance.starts_at).total_seconds() // 60
                ),
                time_zone=self.instance.time_zone,
            )

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(name) for name in ("date", "start_time", "time_zone")):
            zone = zoneinfo.ZoneInfo(cleaned["time_zone"])
            cleaned["starts_at"] = datetime.datetime.combine(
                cleaned["date"], cleaned["start_time"], tzinfo=zone
            )
        return cleaned

    def meeting_fields(self) -> dict:
        """What services.meetings.schedule_meeting and edit_meeting take."""
        names = ("title", "starts_at", "duration_minutes", "time_zone", "meeting_link",
                 "location", "agenda")  # fmt: skip
        return {name: self.cleaned_data[name] for name in names}


class MinutesForm(forms.Form):
    text = forms.CharField(
        label="Minutes",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Markdown. Every save is kept as a revision.",
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label="Who attended",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # Today's roster, and whoever was recorded already: a person who has
        # left since keeps their attendance when the list is saved again.
        current = Membership.objects.current().filter(workgroup=meeting.workgroup)
        self.fields["present"].queryset = (
            get_user_model()
            .objects.filter(Q(pk__in=current.values("person")) | Q(attendance__meeting=meeting))
            .distinct()
            .order_by("full_name")
        )


class ActionItemForm(forms.Form):
    description = forms.CharField(label="Action", max_length=500)
    owner = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, empty_label="Nobody yet"
    )
    due_on = forms.DateField(label="Due date", required=False, widget=DateInput())

    def __init__(self, *args, workgroup: Workgroup, **kwargs):
        super().__init__(*args, **kwargs)
        current = Membership.objects.current().filter(workgroup=workgroup)
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(pk__in=current.values("person")).order_by("full_name")
        )


class WorkgroupUpdateForm(forms.ModelForm):
    class Meta:
        model = WorkgroupUpdate
        fields = ["happened", "next_steps", "needs"]
        widgets = {
            "happened": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }


class RosterAddForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Add a member",
        queryset=get_user_model().objects.none(),
        empty_label="Choose a person",
    )

    def __init__(self, *args, workgroup: Workgroup, **kwargs):
        super().__init__(*args, **kwargs)
        current = Membership.objects.current().filter(workgroup=workgroup).values("person")
        self.fields["person"].queryset = (
            get_user_model().objects.filter(is_active=True).exclude(pk__in=current)
        )


class MeetingLinkForm(forms.Form):
    """A page of the Hub discussed at the meeting, by its address."""

    title = forms.CharField(label="What was discussed", max_length=200)
    address = forms.CharField(
        label="Its address in the Hub",
        max_length=500,
        help_text="Paste the page's address, e.g. an issue or a paper.",
    )

    def clean_address(self):
        address = self.cleaned_data["address"].strip()
        parsed = urlsplit(address)
        site = urlsplit(settings.SITE_URL)
        if parsed.netloc and parsed.netloc not in {site.netloc, self.host}:
            raise forms.ValidationError("Paste the address of a page in the Hub.")
        path = parsed.path or "/"
        try:
            resolve(path)
        except Resolver404 as exc:
            raise forms.ValidationError("There is no page at this address in the Hub.") from exc
        return path + (f"#{parsed.fragment}" if parsed.fragment else "")

    def __init__(self, *args, host: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
