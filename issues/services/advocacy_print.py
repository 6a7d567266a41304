"""Writes behind the printed pages: the organisations that support a paper
(named on its leave-behind). Each change is recorded on the paper as an
AdvocacyChange, with the supporters before and after."""

from django.db import IntegrityError, transaction

from issues.models import PaperSupport
from issues.services.advocacy import record


def _supporter_names(paper) -> list[str]:
    return sorted(
        PaperSupport.objects.filter(paper=paper).values_list("organisation__name", flat=True)
    )


@transaction.atomic
def add_supporter(*, actor, paper, organisation) -> PaperSupport | None:
    """None when the organisation already supports the paper (two people
    adding it at once: the unique constraint decides, nothing is recorded)."""
    before = _supporter_names(paper)
    try:
        with transaction.atomic():
            support = PaperSupport.objects.create(
                paper=paper, organisation=organisation, added_by=actor
            )
    except IntegrityError:
        return None
    record(
        actor=actor,
        subject="paper",
        subject_id=paper.pk,
        action="supporter_added",
        before={"supporters": before},
        after={"supporters": _supporter_names(paper)},
    )
    return support


@transaction.atomic
def remove_supporter(*, actor, support: PaperSupport) -> bool:
    """False when someone else removed it first."""
    paper = support.paper
    before = _supporter_names(paper)
    deleted, _ = PaperSupport.objects.filter(pk=support.pk).delete()
    if not deleted:
        return False
    record(
        actor=actor,
        subject="paper",
        subject_id=paper.pk,
        action="supporter_removed",
        before={"supporters": before},
        after={"supporters": _supporter_names(paper)},
    )
    return True
