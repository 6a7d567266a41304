"""Issue papers: a paper belongs to one issue; its text lives in revisions.

Every explicit save appends a `PaperRevision` (with its own numbered
`Recommendation` rows), and nothing ever changes a revision afterwards: the
version submitted for review, the one a summit read and the one adopted are
all revisions the paper points to.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from issues.enums import PaperState, Section


class Implementer(models.Model):
    """Who would carry a recommendation out: the legislature, a state agency, counties..."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class IssuePaper(models.Model):
    """`version` rises with every save: a save based on an older version is a
    conflict, shown to the person, never a silent overwrite."""

    issue = models.OneToOneField("issues.Issue", on_delete=models.PROTECT, related_name="paper")
    title = models.CharField(max_length=300, help_text="Kept equal to the latest revision's.")
    state = models.CharField(max_length=20, choices=PaperState.choices, default=PaperState.DRAFT)
    version = models.PositiveIntegerField(default=0)
    current_revision = models.ForeignKey(
        "PaperRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_revision = models.ForeignKey(
        "PaperRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The version the chair froze and submitted, waiting for review.",
    )
    review_revision = models.ForeignKey(
        "PaperRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The version under review (or last reviewed): what every member reads.",
    )
    adopted_revision = models.ForeignKey(
        "PaperRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    legislative = models.BooleanField(
        default=False, help_text="Any recommendation of the latest revision needs legislation."
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="PaperCoAuthor",
        through_fields=("paper", "person"),
        related_name="co_authored_papers",
        blank=True,
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    adopted_on = models.DateField(null=True, blank=True)
    adopted_at_event = models.CharField(
        "adopted at", max_length=200, blank=True, help_text="The summit that adopted it."
    )
    decision = models.TextField(blank=True, help_text="Markdown.")
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["state", "-updated_at"], name="paper_state_updated")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("papers:detail", kwargs={"pk": self.pk})


class PaperRevision(models.Model):
    """One explicit save: the whole text as the author saw it. Never changed."""

    paper = models.ForeignKey(IssuePaper, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True, max_length=20000)
    background = models.TextField(blank=True, max_length=50000)
    problem = models.TextField("the problem", blank=True, max_length=50000)
    fiscal_note = models.TextField(blank=True, max_length=20000)
    references = models.TextField(blank=True, max_length=20000)
    note = models.CharField(
        "what changed", max_length=300, blank=True, help_text="Optional, for the revision list."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="revision_number_per_paper")
        ]

    def __str__(self):
        return f"{self.paper_id} r{self.number}"

    def get_absolute_url(self):
        return reverse("papers:revision", kwargs={"pk": self.paper_id, "number": self.number})


class Recommendation(models.Model):
    revision = models.ForeignKey(
        PaperRevision, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField(max_length=5000, help_text="Markdown.")
    legislative = models.BooleanField(
        "needs legislative action", default=False, help_text="A law or a budget line."
    )
    implementers = models.ManyToManyField(Implementer, blank=True, related_name="+")
    levers = models.ManyToManyField("issues.Lever", blank=True, related_name="recommendations")

    class Meta:
        ordering = ["revision", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "number"], name="recommendation_number_per_revision"
            )
        ]

    def __str__(self):
        return f"Recommendation {self.number}"


class PaperCoAuthor(models.Model):
    paper = models.ForeignKey(IssuePaper, on_delete=models.CASCADE, related_name="co_authorships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_authorships"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["paper", "person"], name="co_author_once_per_paper")
        ]

    def __str__(self):
        return f"{self.person_id} on {self.paper_id}"


class PaperComment(models.Model):
    """A comment on the whole paper, one section or one recommendation, on
    the revision the commenter read."""

    paper = models.ForeignKey(IssuePaper, on_delete=models.CASCADE, related_name="comments")
    revision = models.ForeignKey(
        PaperRevision, on_delete=models.SET_NULL, null=True, related_name="comments"
    )
    section = models.CharField(max_length=20, choices=Section.choices, blank=True)
    recommendation_number = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.TextField(max_length=10000, help_text="Markdown.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["paper", "resolved_at"], name="paper_comment_open")]

    def __str__(self):
        return f"Comment on paper {self.paper_id}"

    @property
    def anchor(self) -> str:
        if self.recommendation_number:
            return f"Recommendation {self.recommendation_number}"
        if self.section:
            return self.get_section_display()
        return "The whole paper"


class PaperDraft(models.Model):
    """What one person has typed in the editor and not yet saved: kept on the
    server while they type, so a closed tab loses nothing. Not a revision."""

    paper = models.ForeignKey(IssuePaper, on_delete=models.CASCADE, related_name="drafts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="paper_drafts"
    )
    base_version = models.PositiveIntegerField(help_text="The paper version typed over.")
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["paper", "person"], name="one_draft_per_person")
        ]

    def __str__(self):
        return f"Draft of {self.paper_id} by {self.person_id}"
