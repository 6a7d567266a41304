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


class PaperState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    UNDER_REVIEW = "under_review", "Under review"
    REVISING = "revising", "Revising"
    ADOPTED = "adopted", "Adopted"
    ARCHIVED = "archived", "Archived"


# Authors write only while the paper is with the workgroup; a submitted,
# reviewed or adopted text is frozen.
EDITABLE_STATES = (PaperState.DRAFT, PaperState.REVISING)
# The public reads the adopted paper; every member also reads the version
# under review (or last reviewed), whatever the state.
PUBLIC_STATES = (PaperState.ADOPTED, PaperState.ARCHIVED)

# The paper's state drives its issue's place in the pipeline.
ISSUE_STATUS_FOR_PAPER = {
    PaperState.DRAFT: Status.PAPER_IN_PROGRESS,
    PaperState.SUBMITTED: Status.PAPER_IN_PROGRESS,
    PaperState.UNDER_REVIEW: Status.UNDER_REVIEW,
    PaperState.REVISING: Status.UNDER_REVIEW,
    PaperState.ADOPTED: Status.ADOPTED,
    PaperState.ARCHIVED: Status.CLOSED,
}


class Section(models.TextChoices):
    """The paper's sections, in reading order (recommendations are items of their own)."""

    SUMMARY = "summary", "Summary"
    BACKGROUND = "background", "Background"
    PROBLEM = "problem", "The problem"
    RECOMMENDATIONS = "recommendations", "Recommendations"
    FISCAL_NOTE = "fiscal_note", "Fiscal note"
    REFERENCES = "references", "References"


# The sections written as Markdown text on a revision.
TEXT_SECTIONS = ("summary", "background", "problem", "fiscal_note", "references")


# Advocacy ------------------------------------------------------------------


class Chamber(models.TextChoices):
    ASSEMBLY = "assembly", "Assembly"
    SENATE = "senate", "Senate"


class Party(models.TextChoices):
    DEMOCRATIC = "D", "Democratic"
    REPUBLICAN = "R", "Republican"
    INDEPENDENT = "I", "Independent"
    OTHER = "O", "Other"


class BillStatus(models.TextChoices):
    DRAFTING = "drafting", "Being drafted"
    INTRODUCED = "introduced", "Introduced"
    IN_COMMITTEE = "in_committee", "In committee"
    PASSED_COMMITTEE = "passed_committee", "Passed committee"
    PASSED_ONE_HOUSE = "passed_one_house", "Passed one house"
    PASSED_BOTH = "passed_both", "Passed both houses"
    SIGNED = "signed", "Signed into law"
    VETOED = "vetoed", "Vetoed"
    FAILED = "failed", "Failed"


class ContactKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    CALL = "call", "Call"
    EMAIL = "email", "Email"
    TESTIMONY = "testimony", "Testimony"
    EVENT = "event", "Event"


class Response(models.TextChoices):
    SUPPORTIVE = "supportive", "Supportive"
    UNDECIDED = "undecided", "Undecided"
    OPPOSED = "opposed", "Opposed"
    NO_RESPONSE = "no_response", "No response"
