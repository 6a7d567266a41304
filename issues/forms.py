from django import forms
from django.contrib.auth import get_user_model

from issues.enums import SCORE_CHOICES, Status, Term
from issues.models import Issue, Lever, PolicyArea
from workgroups.models import Workgroup

UNCHANGED = ("", "Leave as it is")
# Merging goes through the merge form, which names the surviving issue.
SETTABLE_STATUSES = [(value, label) for value, label in Status.choices if value != Status.MERGED]


def people():
    return get_user_model().objects.filter(is_active=True).order_by("full_name")


class ProposeIssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["title", "description", "workgroup", "term", "levers", "policy_areas"]
        labels = {
            "workgroup": "Which workgroup should own it",
            "term": "Term (if you know)",
            "levers": "Levers of change",
            "policy_areas": "Policy areas",
        }
        help_texts = {
            "description": "What is the problem, who does it affect, what could change it? "
            "Markdown.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "levers": forms.CheckboxSelectMultiple,
            "policy_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workgroup"].queryset = Workgroup.objects.filter(is_core_group=False)
        self.fields["levers"].queryset = Lever.objects.all()
        self.fields["policy_areas"].queryset = PolicyArea.objects.all()


class IssueDetailsForm(forms.ModelForm):
    """What the owning workgroup's chairs edit besides the triage fields."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Issue
        fields = ["title", "description", "legislative", "levers", "policy_areas"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "levers": forms.CheckboxSelectMultiple,
            "policy_areas": forms.CheckboxSelectMultiple,
        }


class RowEditForm(forms.Form):
    """One issue's triage fields, edited in its row of the triage table."""

    term = forms.ChoiceField(choices=[("", "No term yet"), *Term.choices], required=False)
    status = forms.ChoiceField(choices=SETTABLE_STATUSES)
    workgroup = forms.ModelChoiceField(queryset=Workgroup.objects.all())
    owner = forms.ModelChoiceField(queryset=people(), required=False, empty_label="Nobody")
    impact = forms.TypedChoiceField(
        choices=[("", "—"), *SCORE_CHOICES], coerce=int, empty_value=None, required=False
    )
    momentum = forms.TypedChoiceField(
        choices=[("", "—"), *SCORE_CHOICES], coerce=int, empty_value=None, required=False
    )
    reason = forms.CharField(max_length=500, required=False, label="Reason")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIELDS = ("term", "status", "workgroup", "owner", "impact", "momentum")

    def __init__(self, *args, can_move: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()
        if not can_move:
            # Chairs keep the issue in their workgroup; triage moves it.
            self.fields["workgroup"].disabled = True

    def changes(self) -> dict:
        return {
            field: self.cleaned_data[field]
            for field in self.FIELDS
            if not self.fields[field].disabled
        }


class BulkForm(forms.Form):
    """The same change on the selected rows."""

    ids = forms.ModelMultipleChoiceField(
        queryset=Issue.objects.all(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": "Select at least one issue first."},
    )
    status = forms.ChoiceField(choices=[UNCHANGED, *SETTABLE_STATUSES], required=False)
    term = forms.ChoiceField(choices=[UNCHANGED, *Term.choices], required=False)
    workgroup = forms.ModelChoiceField(
        queryset=Workgroup.objects.all(), required=False, empty_label="Leave as it is"
    )
    owner = forms.ModelChoiceField(queryset=people(), required=False, empty_label="Leave as it is")
    impact = forms.TypedChoiceField(
        choices=[UNCHANGED, *SCORE_CHOICES], coerce=int, empty_value=None, required=False
    )
    momentum = forms.TypedChoiceField(
        choices=[UNCHANGED, *SCORE_CHOICES], coerce=int, empty_value=None, required=False
    )
    reason = forms.CharField(max_length=500, required=False, label="Reason")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()

    def changes(self) -> dict:
        return {
            field: self.cleaned_data[field]
            for field in ("status", "term", "workgroup", "owner", "impact", "momentum")
            if self.cleaned_data.get(field) not in (None, "")
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise forms.ValidationError("Choose at least one change to make.")
        return cleaned


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown.",
    )


class MergeForm(forms.Form):
    survivor = forms.IntegerField(
        label="Number of the issue to keep", min_value=1, help_text="For example 42 for #42."
    )
    reason = forms.CharField(max_length=500, required=False, label="Reason")

    def clean_survivor(self):
        number = self.cleaned_data["survivor"]
        survivor = Issue.objects.filter(pk=number).first()
        if survivor is None:
            raise forms.ValidationError(f"There is no issue #{number}.")
        return survivor


class SaveViewForm(forms.Form):
    name = forms.CharField(label="Name this view", max_length=100)
    query = forms.CharField(max_length=2000, required=False, widget=forms.HiddenInput)
