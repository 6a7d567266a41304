from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from issues.enums import SCORE_CHOICES, Section, Status, Term
from issues.models import Implementer, Issue, Lever, PolicyArea
from issues.paper_text import position_key
from workgroups.enums import Role
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


# Issue papers ---------------------------------------------------------------


MARKDOWN_HELP = (
    "Markdown: **bold**, *italic*, lists, [links](https://…), ### for a sub-heading; no images."
)


class PaperForm(forms.Form):
    """The paper's text. `expected_version` is the version the person started
    from: a save against a newer one is a conflict, not an overwrite."""

    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1
    )
    title = forms.CharField(max_length=300)
    summary = forms.CharField(
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the paper asks for, in a few sentences. " + MARKDOWN_HELP,
    )
    background = forms.CharField(
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
    )
    problem = forms.CharField(
        label="The problem",
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
    )
    fiscal_note = forms.CharField(
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What it would cost and who would pay.",
    )
    references = forms.CharField(
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line, as a Markdown list.",
    )
    note = forms.CharField(
        label="What changed in this revision",
        required=False,
        max_length=300,
        help_text="Shown in the list of revisions.",
    )


class RecommendationForm(forms.Form):
    # Required, yet a blank extra form is simply left out (formsets permit an
    # untouched extra form to stay empty); a removed one is not checked.
    text = forms.CharField(
        label="Recommendation",
        error_messages={"required": "Write the recommendation, or tick Remove to leave it out."},
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Start with a verb: “Fund…”, “Require…”. Markdown.",
    )
    legislative = forms.BooleanField(
        label="Needs legislative action (a law or a budget line)", required=False
    )
    # Plain choices filled in by the formset, which reads the rows once for
    # every recommendation rather than twice per recommendation.
    implementers = forms.MultipleChoiceField(
        label="Who would carry it out", required=False, widget=forms.CheckboxSelectMultiple
    )
    levers = forms.MultipleChoiceField(
        label="Levers of change", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, formset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implementers"].choices = [
            (pk, str(row)) for pk, row in formset.implementers.items()
        ]
        self.fields["levers"].choices = [(pk, str(row)) for pk, row in formset.levers.items()]


class BaseRecommendationFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        self.implementers = {str(row.pk): row for row in Implementer.objects.all()}
        self.levers = {str(row.pk): row for row in Lever.objects.all()}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "formset": self}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = "Position in the list"
        form.fields["ORDER"].help_text = "Change the numbers to reorder."
        form.fields["DELETE"].label = "Remove this recommendation"

    def recommendations(self) -> list:
        """The written recommendations in their chosen order, blanks and removed ones left out."""
        from issues.services import RecommendationText

        kept = [
            (position_key(form.cleaned_data.get("ORDER"), index), form)
            for index, form in enumerate(self.forms)
            if not form.cleaned_data.get("DELETE") and (form.cleaned_data.get("text") or "").strip()
        ]
        kept = [form for _, form in sorted(kept, key=lambda pair: pair[0])]
        return [
            RecommendationText(
                text=form.cleaned_data["text"].strip(),
                legislative=form.cleaned_data["legislative"],
                implementers=[self.implementers[pk] for pk in form.cleaned_data["implementers"]],
                levers=[self.levers[pk] for pk in form.cleaned_data["levers"]],
            )
            for form in kept
        ]


RecommendationFormSet = forms.formset_factory(
    RecommendationForm,
    formset=BaseRecommendationFormSet,
    extra=1,
    can_delete=True,
    can_order=True,
    max_num=60,
    absolute_max=60,  # a forged form count builds no more than this many forms
    validate_max=True,
)


class PaperCommentForm(forms.Form):
    anchor = forms.ChoiceField(label="About", required=False)
    body = forms.CharField(
        label="Comment",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown.",
    )

    def __init__(self, *args, recommendation_numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = [
            ("", "The whole paper"),
            *[
                (value, label)
                for value, label in Section.choices
                if value != Section.RECOMMENDATIONS
            ],
            *[(f"recommendation-{n}", f"Recommendation {n}") for n in recommendation_numbers],
        ]

    def anchor_fields(self) -> dict:
        anchor = self.cleaned_data.get("anchor") or ""
        number = anchor.removeprefix("recommendation-")
        if number != anchor:
            return {"section": "", "recommendation_number": int(number)}
        return {"section": anchor, "recommendation_number": None}


class CoAuthorForm(forms.Form):
    person = forms.ModelChoiceField(label="Add a co-author", queryset=None)

    def __init__(self, *args, paper, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__workgroup=paper.issue.workgroup,
                memberships__ended_on__isnull=True,
                memberships__role=Role.MEMBER,  # chairs are authors already
            )
            .exclude(co_authorships__paper=paper)
            .distinct()
            .order_by("full_name")
        )
        self.fields["person"].help_text = f"A member of {paper.issue.workgroup}."


class AdoptionForm(forms.Form):
    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1
    )
    adopted_on = forms.DateField(
        label="Adopted on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The day of the decision.",
    )
    adopted_at_event = forms.CharField(
        label="Adopted at", max_length=200, help_text="The summit, for example “Fall Summit 2024”."
    )
    decision = forms.CharField(
        label="Decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text="What was decided, as it should appear on the public paper. Markdown.",
    )

    def clean_adopted_on(self):
        adopted_on = self.cleaned_data["adopted_on"]
        if adopted_on > timezone.localdate():
            raise forms.ValidationError(
                "An adoption is recorded once it has happened: not a future date."
            )
        return adopted_on
