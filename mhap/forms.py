from django import forms

from mhap.models import SiteText


class SiteTextsForm(forms.Form):
    """The front page's texts, one field each, filled with what is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        saved = dict(SiteText.objects.values_list("key", "body"))
        hints = {
            SiteText.Key.ABOUT: "A paragraph or two: who the coalition is and how it works.",
            SiteText.Key.VISION: "The world the coalition works toward.",
            SiteText.Key.MISSION: "What it does: a paragraph, or a list with each goal on a "
            "line of its own starting with “- ”.",
            SiteText.Key.VALUES: "A list: each value on a line of its own starting with “- ”.",
        }
        for key, label in SiteText.Key.choices:
            self.fields[key] = forms.CharField(
                label=label, required=False, max_length=20000, initial=saved.get(key, ""),
                help_text=hints[key] + " Markdown works.",
                widget=forms.Textarea(attrs={"rows": 6}),
            )  # fmt: skip
