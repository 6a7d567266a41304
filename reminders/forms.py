import re

from django import forms

from reminders.enums import Choice
from reminders.registry import registry

REMINDER_CHOICES = [(Choice.ON, "Send them"), (Choice.OFF, "Don't send them")]
NOTIFICATION_CHOICES = [
    (Choice.NOW, "At once"),
    (Choice.DIGEST, "In my daily digest"),
    (Choice.NEVER, "Never"),
]


class PreferencesForm(forms.Form):
    """One choice per kind, built from the registry: a kind an app adds shows
    up here without touching this form."""

    def __init__(self, *args, chosen: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for name, kind in registry.reminders.items():
            self.fields[name] = forms.ChoiceField(
                label=kind.label, help_text=kind.help_text, choices=REMINDER_CHOICES,
                widget=forms.RadioSelect, initial=chosen.get(name, Choice.ON),
            )  # fmt: skip
        for name, kind in registry.notifications.items():
            self.fields[name] = forms.ChoiceField(
                label=kind.label, help_text=kind.help_text, choices=NOTIFICATION_CHOICES,
                widget=forms.RadioSelect, initial=chosen.get(name, Choice.NOW),
            )  # fmt: skip

    def reminder_fields(self):
        return [self[name] for name in registry.reminders]

    def notification_fields(self):
        return [self[name] for name in registry.notifications]


UNITS = {"m": 1, "min": 1, "minute": 1, "h": 60, "hour": 60, "d": 1440, "day": 1440,
         "w": 10080, "week": 10080}  # fmt: skip
LEAD = re.compile(r"^\s*(\d+)\s*([a-z]+?)s?\s*$")


def parse_leads(text: str) -> list[int]:
    """ "7 days, 1 day" → [10080, 1440]."""
    minutes = []
    for part in filter(str.strip, re.split(r"[,;]", text)):
        match = LEAD.match(part.lower())
        if not match or match.group(2) not in UNITS:
            raise forms.ValidationError(
                f"“{part.strip()}” is not a lead time: write, for example, "
                "“7 days, 1 day” or “1 hour, 30 minutes”."
            )
        minutes.append(int(match.group(1)) * UNITS[match.group(2)])
    if any(m <= 0 or m > 60 * 24 * 60 for m in minutes):
        raise forms.ValidationError("Each lead time is between a minute and 60 days.")
    return sorted(set(minutes), reverse=True)


def describe_leads(minutes: list[int]) -> str:
    parts = []
    for m in minutes:
        for unit, size in (("week", 10080), ("day", 1440), ("hour", 60), ("minute", 1)):
            if m % size == 0:
                n = m // size
                parts.append(f"{n} {unit}{'s' if n != 1 else ''}")
                break
    return ", ".join(parts)


class LeadTimesForm(forms.Form):
    def __init__(self, *args, current: dict[str, list[int]], **kwargs):
        super().__init__(*args, **kwargs)
        for name, kind in registry.reminders.items():
            self.fields[name] = forms.CharField(
                label=kind.label, required=False, initial=describe_leads(current[name]),
                help_text="Before the event, separated by commas. Empty: no reminders.",
            )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        for name in registry.reminders:
            if name in cleaned:
                try:
                    cleaned[name] = parse_leads(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned
