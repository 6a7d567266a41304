import pytest

from members.enums import ImportStatus, InvitationStatus
from members.models import Invitation
from members.services import imports
from tests.factories import (
    AdminFactory,
    InvitationFactory,
    OrganisationFactory,
    UserFactory,
    WorkgroupFactory,
)

pytestmark = pytest.mark.django_db

MIXED_CSV = b"""email,full_name,organisation,workgroups,role
rosa@example.org,Rosa Delgado,Lakeshore Community Counseling,Medicaid & Workforce,chair
not-an-email,Bad Address,,,
sam@example.org,Sam Redcloud,,Access & Equity;data,member

Rosa@Example.org,Rosa Again,,,
kim@example.org,Kim Vang,Unknown Org,,
taken@example.org,Already Here,,,
pending@example.org,Already Invited,,,
lee@example.org,Xavier Lee,,No Such Group,
ann@example.org,Ann Other,,,treasurer
"""


@pytest.fixture
def coalition_data():
    OrganisationFactory(name="Lakeshore Community Counseling")
    WorkgroupFactory(name="Medicaid & Workforce", slug="medicaid-and-workforce")
    WorkgroupFactory(name="Access & Equity", slug="access-and-equity")
    WorkgroupFactory(name="Data", slug="data")
    UserFactory(email="taken@example.org")
    InvitationFactory(email="pending@example.org")


def test_parse_reports_each_bad_row_with_its_line_and_reason(coalition_data):
    rows, errors = imports.parse_invitation_csv(MIXED_CSV)

    assert [row["email"] for row in rows] == ["rosa@example.org", "sam@example.org"]
    assert rows[0]["role"] == "chair"
    assert len(rows[1]["workgroup_ids"]) == 2
    assert errors == [
        [3, "not-an-email", "'not-an-email' is not a valid email address."],
        [6, "Rosa@Example.org", "The same email address is on line 2."],
        [
            7,
            "kim@example.org",
            "Unknown organisation 'Unknown Org'. Add it under Organisations first.",
        ],
        [8, "taken@example.org", "This person already has an account."],
        [9, "pending@example.org", "This person already has a pending invitation."],
        [10, "lee@example.org", "Unknown workgroup: No Such Group."],
        [11, "ann@example.org", "Role 'treasurer' must be 'member' or 'chair'."],
    ]


def test_import_invites_the_good_rows_and_nothing_for_the_bad(coalition_data, mailoutbox):
    admin = AdminFactory()

    job = imports.start_invitation_import(actor=admin, filename="people.csv", content=MIXED_CSV)
    job = imports.run_invitation_import(job_id=job.pk)

    assert (job.status, job.total, job.processed, job.invited) == (ImportStatus.DONE, 2, 2, 2)
    assert len(job.errors) == 7
    new = Invitation.objects.filter(invited_by=admin).order_by("email")
    assert [invitation.email for invitation in new] == ["rosa@example.org", "sam@example.org"]
    assert new[0].workgroup_role == "chair"
    assert sorted(message.to[0] for message in mailoutbox) == [
        "rosa@example.org",
        "sam@example.org",
    ]


def test_running_an_import_again_invites_nobody_twice(coalition_data):
    admin = AdminFactory()
    job = imports.start_invitation_import(actor=admin, filename="people.csv", content=MIXED_CSV)
    imports.run_invitation_import(job_id=job.pk)

    job.status = ImportStatus.RUNNING  # as if a worker died before marking it done
    job.save(update_fields=["status"])
    imports.run_invitation_import(job_id=job.pk)

    assert Invitation.objects.filter(status=InvitationStatus.PENDING).count() == 3


def test_someone_invited_between_upload_and_run_is_skipped_and_reported(coalition_data):
    admin = AdminFactory()
    job = imports.InvitationImport.objects.create(
        uploaded_by=admin,
        filename="late.csv",
        rows=imports.parse_invitation_csv(MIXED_CSV)[0],
        total=2,
    )
    InvitationFactory(email="sam@example.org")

    job = imports.run_invitation_import(job_id=job.pk)

    assert (job.invited, job.processed) == (1, 2)
    assert job.skipped == [
        [4, "sam@example.org", "sam@example.org already has a pending invitation."]
    ]


def test_a_file_without_the_columns_is_refused_as_a_whole():
    rows, errors = imports.parse_invitation_csv(b"name,mail\nRosa,rosa@example.org\n")

    assert rows == []
    assert errors == [
        [
            1,
            "",
            "The first line must name the columns; missing: "
            "email, full_name, organisation, workgroups, role.",
        ]
    ]


def test_a_file_that_is_not_utf8_is_refused_with_advice():
    rows, errors = imports.parse_invitation_csv("email\nJosé@example.org".encode("latin-1"))

    assert rows == []
    assert "UTF-8" in errors[0][2]
