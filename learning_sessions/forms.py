import csv
import datetime
import io
import re

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone

from issues.models import Issue, IssuePaper
from learning_sessions import uploads
from learning_sessions.enums import SessionStatus, Visibility
from learning_sessions.models import LearningSession, Topic
from learning_sessions.services import SESSION_FIELDS
from members.uploads import check_csv_text
from workgroups.forms import DateInput, TimeInput


class _Current:
    """The file a session has now, as the file widget shows it: its name, linked
    to the view that serves it (storage has no public URL)."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class ServedFileInput(forms.ClearableFileInput):
    download_url = ""

    def format_value(self, value):
        if self.is_initial(value):
            return _Current(value.name.rsplit("/", 1)[-1], self.download_url)
        return None


class SessionForm(forms.ModelForm):
    """A session in the plan. Times are typed in the planner's own time zone."""

    date = forms.DateField(required=False, widget=DateInput(), help_text="Once scheduled.")
    start_time = forms.TimeField(label="Starts at", required=False, widget=TimeInput())
    presenters = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: name; organisation; a short bio.",
    )
    issue_numbers = forms.CharField(
        label="Related issues",
        required=False,
        help_text="Issue numbers, separated by commas: 12, 40.",
    )

    class Meta:
        model = LearningSession
        fields = ["title", "status", "proposed_month", "duration_minutes", "description",
                  "topics", "visibility", "meeting_link", "recording_link", "slides_link",
                  "slides_file", "captions_file", "summary", "related_papers"]  # fmt: skip
        labels = {"duration_minutes": "Length in minutes", "meeting_link": "Meeting link",
                  "slides_link": "Slides link", "slides_file": "Slides file",
                  "captions_file": "Captions or transcript"}  # fmt: skip
        help_texts = {
            "recording_link": "YouTube and Vimeo recordings play on the page; "
            "other links are shown as links.",
            "slides_file": "A PDF, PowerPoint or OpenDocument presentation, "
            "instead of a slides link.",
            "captions_file": "A WebVTT (.vtt) file: shown beside the recording and searched "
            "by the library.",
        }
        widgets = {
            "status": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "proposed_month": DateInput(),
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "related_papers": forms.CheckboxSelectMultiple,
            "slides_file": ServedFileInput(attrs={"accept": ".pdf,.pptx,.ppt,.odp"}),
            "captions_file": ServedFileInput(attrs={"accept": ".vtt,text/vtt"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["related_papers"].queryset = IssuePaper.objects.order_by("title")
        self.fields["status"].choices = SessionStatus.choices
        self.fields["visibility"].choices = Visibility.choices
        if self.instance.pk:
            for name, route in (("slides_file", "slides"), ("captions_file", "captions")):
                self.fields[name].widget.download_url = reverse(
                    f"learning_sessions:{route}", kwargs={"slug": self.instance.slug}
                )
            if self.instance.starts_at:
                local = timezone.localtime(self.instance.starts_at)
                self.initial.update(date=local.date(), start_time=local.time())
            self.initial["presenters"] = "\n".join(
                "; ".join(filter(None, [p.name, p.organisation, p.bio]))
                for p in self.instance.presenters.all()
            )
            self.initial["issue_numbers"] = ", ".join(
                str(pk) for pk in self.instance.related_issues.values_list("pk", flat=True)
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

    def clean_issue_numbers(self) -> list[int]:
        typed = re.findall(r"[^\s,;#]+", self.cleaned_data["issue_numbers"])
        wrong = [word for word in typed if not (word.isascii() and word.isdigit())]
        if wrong:
            raise forms.ValidationError(f"“{wrong[0]}” is not an issue number.")
        numbers = sorted({int(word) for word in typed})
        found = set(Issue.objects.filter(pk__in=numbers).values_list("pk", flat=True))
        if missing := [n for n in numbers if n not in found]:
            raise forms.ValidationError(
                "There is no issue " + ", ".join(f"#{n}" for n in missing) + "."
            )
        return numbers

    def clean_slides_file(self):
        upload = self.cleaned_data["slides_file"]
        if isinstance(upload, UploadedFile):
            uploads.check_slides(upload)
        return upload

    def clean_captions_file(self):
        upload = self.cleaned_data["captions_file"]
        if isinstance(upload, UploadedFile):
            self.cleaned_data["transcript"] = uploads.read_captions(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        cleaned["starts_at"] = None
        if cleaned.get("date") and cleaned.get("start_time"):
            cleaned["starts_at"] = datetime.datetime.combine(
                cleaned["date"], cleaned["start_time"], tzinfo=timezone.get_current_timezone()
            )
        if cleaned.get("status") not in (None, SessionStatus.IDEA) and not cleaned["starts_at"]:
            for name in ("date", "start_time"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, "A scheduled session needs its date and start time.")
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # A browser cannot keep a chosen file when the page comes back with a
        # problem elsewhere: say so next to each file that was chosen.
        if self.errors:
            for name in ("slides_file", "captions_file"):
                if (
                    isinstance(self.cleaned_data.get(name), UploadedFile)
                    and name not in self.errors
                ):
                    self.add_error(
                        name,
                        "This file was not saved because of the problem shown on the page: "
                        "choose it again.",
                    )

    def session_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SESSION_FIELDS}

    def file_changes(self) -> dict:
        """For save_session: each file field with a new upload (its captions'
        cues alongside) or False to remove it; unchanged fields are left out."""
        changes = {}
        for name in ("slides_file", "captions_file"):
            value = self.cleaned_data.get(name)
            if value is False or isinstance(value, UploadedFile):
                changes[name] = value
        if isinstance(changes.get("captions_file"), UploadedFile):
            changes["transcript"] = self.cleaned_data["transcript"]
        return changes


class GuestRegistrationForm(forms.Form):
    name = forms.CharField(max_length=200, label="Your name")
    email = forms.EmailField(label="Your email", help_text="We send the link to join here.")
    organisation = forms.CharField(max_length=200, required=False, label="Your organisation")


class AttendanceImportForm(forms.Form):
    """The attendance report a meeting platform exports (Zoom's participant
    report, Teams' attendance list ...): a CSV with an email column, found by
    its heading wherever the table starts."""

    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label="Attendance report (CSV)",
        help_text="A CSV file with a column headed “Email” (Zoom's participant report works "
        "as it is). People are matched to registrations by email.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> list[tuple[int, str]]:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("This file is larger than 2 MB; is it the right one?")
        check_csv_text(upload, advice="Export the report as CSV and try again.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(
                "This is not a CSV text file. Export the report as CSV and try again."
            ) from exc
        try:
            return self._attendees(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise forms.ValidationError(
                "This file could not be read as CSV. Export the report as CSV and try again."
            ) from exc

    @staticmethod
    def _attendees(rows) -> list[tuple[int, str]]:
        """A report may hold several tables (Zoom's starts with the meeting's
        own, whose "User Email" is the host's): every row with a heading
        naming an email starts a new table."""
        column = None
        attendees = []
        for line, row in enumerate(rows, start=1):
            cells = [cell.strip() for cell in row]
            heading = next(
                (n for n, cell in enumerate(cells) if "email" in cell.lower() and "@" not in cell),
                None,
            )
            if heading is not None:
                column = heading
                continue
            if column is None:
                continue
            email = cells[column] if column < len(cells) else ""
            try:
                validate_email(email)
            except forms.ValidationError:
                continue
            attendees.append((line, email))
        if column is None:
            raise forms.ValidationError("No column headed “Email” was found in this file.")
        if not attendees:
            raise forms.ValidationError("The “Email” column has no email addresses in it.")
        return attendees
