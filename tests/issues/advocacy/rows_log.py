"""Permission-matrix rows of the contact log (tests/matrix.py merges them).

Members read the log and log contacts; the Core Group, admins and whoever
logged a contact edit it. Coalition.contact() is logged by wg_member, who also
owns Coalition.follow_up()."""

from django.urls import reverse

from tests.matrix import MEMBERS, Row

# Core Group, admins and the logger (wg_member).
LOGGER_CORE_ADMIN = "login 403 200 403 403 200 200"

ROWS = {
    "advocacy:paper": Row(
        lambda c: reverse("advocacy:paper", kwargs={"pk": c.legislative_paper().pk}), MEMBERS
    ),
    "advocacy:contacts": Row(lambda c: reverse("advocacy:contacts"), MEMBERS),
    "advocacy:log_contact": Row(lambda c: reverse("advocacy:log_contact"), MEMBERS),
    "advocacy:contact": Row(
        lambda c: reverse("advocacy:contact", kwargs={"pk": c.contact().pk}), MEMBERS
    ),
    "advocacy:edit_contact": Row(
        lambda c: reverse("advocacy:edit_contact", kwargs={"pk": c.contact().pk}),
        LOGGER_CORE_ADMIN,
    ),
    "advocacy:delete_contact": Row(  # GET asks to confirm; POST deletes (test_log.py)
        lambda c: reverse("advocacy:delete_contact", kwargs={"pk": c.contact().pk}),
        LOGGER_CORE_ADMIN,
    ),
    "advocacy:follow_ups": Row(lambda c: reverse("advocacy:follow_ups"), MEMBERS),
    "advocacy:follow_up_done": Row(
        lambda c: reverse("advocacy:follow_up_done", kwargs={"pk": c.follow_up().pk}),
        "login 403 302 403 403 302 302",  # its owner and logger (wg_member), Core Group, admins
        method="post",
    ),
    "advocacy:legislator": Row(
        lambda c: reverse("advocacy:legislator", kwargs={"pk": c.legislator().pk}), MEMBERS
    ),
}
