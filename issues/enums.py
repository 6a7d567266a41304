from django.db import models


class Term(models.TextChoices):
    SHORT = "short", "Short term"
    MEDIUM = "medium", "Medium term"
    LONG = "long", "Long term"


class Legislative(models.TextChoices):
    YES = "yes", "Legislative"
    NO = "no", "Non-legislative"
    UNKNOWN = "unknown", "Not yet known"


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    PRIORITISED = "prioritised", "Prioritised"
    PAPER_IN_PROGRESS = "paper_in_progress", "Paper in progress"
    UNDER_REVIEW = "under_review", "Under review"
    ADOPTED = "adopted", "Adopted"
    IN_ADVOCACY = "in_advocacy", "In advocacy"
    CLOSED = "closed", "Closed"
    DEFERRED = "deferred", "Deferred"
    MERGED = "merged", "Merged"


# Still on someone's desk: what a backlog and the inbox show.
OPEN_STATUSES = (Status.PROPOSED, Status.ACCEPTED, Status.PRIORITISED, Status.PAPER_IN_PROGRESS)

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]
