"""Permission-matrix rows of advocacy (tests/matrix.py merges them): the
overview, the leave-behind and a paper's supporters."""

from django.urls import reverse

from tests.matrix import CORE_AND_ADMIN, MEMBERS, Row


def _support_ids(c) -> dict:
    from issues.models import PaperSupport

    support = PaperSupport.objects.create(
        paper=c.legislative_paper(), organisation=c.partner.organisation
    )
    return {"pk": support.paper_id, "support_pk": support.pk}


ROWS = {
    "advocacy:overview": Row(lambda c: reverse("advocacy:overview"), MEMBERS),
    "advocacy:leave_behind": Row(
        lambda c: reverse("advocacy:leave_behind", kwargs={"pk": c.legislative_paper().pk}),
        MEMBERS,
    ),
    "advocacy:supporters": Row(
        lambda c: reverse("advocacy:supporters", kwargs={"pk": c.legislative_paper().pk}),
        CORE_AND_ADMIN,
    ),
    "advocacy:remove_supporter": Row(
        lambda c: reverse("advocacy:remove_supporter", kwargs=_support_ids(c)),
        "login 403 403 403 403 302 302",
        method="post",
    ),
}
