"""Permission-matrix rows of advocacy (tests/matrix.py merges them): the
registers. Members read them; admins keep legislators; the Core Group and
admins keep bills; an organisation's own people and admins record its
districts."""

from django.urls import reverse

from tests.matrix import ADMIN_ONLY, CORE_AND_ADMIN, MEMBERS, Row

ROWS = {
    "advocacy:legislators": Row(lambda c: reverse("advocacy:legislators"), MEMBERS),
    "advocacy:add_legislator": Row(lambda c: reverse("advocacy:add_legislator"), ADMIN_ONLY),
    "advocacy:import_legislators": Row(
        lambda c: reverse("advocacy:import_legislators"), ADMIN_ONLY
    ),
    "advocacy:edit_legislator": Row(
        lambda c: reverse("advocacy:edit_legislator", kwargs={"pk": c.legislator().pk}),
        ADMIN_ONLY,
    ),
    "advocacy:bills": Row(lambda c: reverse("advocacy:bills"), MEMBERS),
    "advocacy:add_bill": Row(lambda c: reverse("advocacy:add_bill"), CORE_AND_ADMIN),
    "advocacy:bill": Row(lambda c: reverse("advocacy:bill", kwargs={"pk": c.bill().pk}), MEMBERS),
    "advocacy:edit_bill": Row(
        lambda c: reverse("advocacy:edit_bill", kwargs={"pk": c.bill().pk}), CORE_AND_ADMIN
    ),
    "advocacy:bill_status": Row(
        lambda c: reverse("advocacy:bill_status", kwargs={"pk": c.bill().pk}),
        "login 403 403 403 403 302 302",
        method="post",
        data=lambda c: {"status": "passed_committee", "on": "2025-03-12", "note": "7-2"},
    ),
    "advocacy:districts": Row(lambda c: reverse("advocacy:districts"), MEMBERS),
    # The partner's own organisation: the partner and admins record its districts.
    "advocacy:organisation_districts": Row(
        lambda c: reverse(
            "advocacy:organisation_districts", kwargs={"pk": c.partner.organisation.pk}
        ),
        "login 200 403 403 403 403 200",
    ),
}
