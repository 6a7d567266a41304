from issues.models.issues import Issue, IssueChange, IssueComment, Lever, PolicyArea, SavedView
from issues.models.papers import (
    Implementer,
    IssuePaper,
    PaperCoAuthor,
    PaperComment,
    PaperDraft,
    PaperRevision,
    Recommendation,
)

__all__ = [
    "Implementer",
    "Issue",
    "IssueChange",
    "IssueComment",
    "IssuePaper",
    "Lever",
    "PaperCoAuthor",
    "PaperComment",
    "PaperDraft",
    "PaperRevision",
    "PolicyArea",
    "Recommendation",
    "SavedView",
]
