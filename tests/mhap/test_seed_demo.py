import pytest
from django.core.management import CommandError, call_command

from members.models import Invitation, JoinRequest, Organisation, User
from workgroups.enums import Role, WorkgroupStatus
from workgroups.models import Membership, Workgroup
from workgroups.permissions import is_core, is_workgroup_chair, is_workgroup_member

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")

    assert User.objects.count() == 0


def test_seed_demo_builds_the_coalition_and_is_idempotent(settings):
    settings.DEBUG = True

    def counts():
        return tuple(
            model.objects.count()
            for model in (User, Organisation, Membership, JoinRequest, Invitation)
        )

    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")

    assert counts() == first
    assert first[3:] == (2, 1)  # join requests and an invitation waiting for admins
    counts = first
    assert counts[0] >= 30
    assert counts[1] >= 12
    assert Organisation.objects.values("sector").distinct().count() >= 8


def test_seed_demo_gives_each_demo_login_its_role():
    call_command("seed_demo", "--force")
    medicaid = Workgroup.objects.get(name="Medicaid & Workforce")
    users = {user.email: user for user in User.objects.filter(email__endswith="@mhap.test")}

    assert users["admin@mhap.test"].is_staff
    assert is_core(users["core@mhap.test"])
    assert is_workgroup_chair(users["chair@mhap.test"], medicaid)
    assert is_workgroup_member(users["member@mhap.test"], medicaid)
    assert not is_workgroup_chair(users["member@mhap.test"], medicaid)
    assert not users["partner@mhap.test"].memberships.exists()
    assert all(user.check_password("mhap-demo") for user in users.values())


def test_seed_demo_has_the_core_group_four_active_workgroups_and_a_dormant_one():
    call_command("seed_demo", "--force")

    assert Workgroup.objects.get(is_core_group=True).name == "Core Group"
    assert set(
        Workgroup.objects.filter(status=WorkgroupStatus.ACTIVE, is_core_group=False).values_list(
            "name", flat=True
        )
    ) == {"Medicaid & Workforce", "Access & Equity", "Criminal Justice", "Data"}
    assert Workgroup.objects.get(name="Governance").status == WorkgroupStatus.DORMANT
    assert all(
        workgroup.memberships.filter(role=Role.CHAIR).exists()
        for workgroup in Workgroup.objects.filter(is_core_group=False)
    )


def test_seed_demo_has_a_year_of_learning_sessions(settings):
    from learning_sessions.models import LearningSession

    settings.DEBUG = True
    call_command("seed_demo")

    published = LearningSession.objects.filter(status="published")
    assert published.count() >= 10
    assert all(session.captions_file and session.transcript for session in published)
    assert LearningSession.objects.filter(transcript_text__icontains="Trempealeau").exists()
    assert published.filter(related_papers__isnull=False).distinct().count() == published.count()
    upcoming = LearningSession.objects.get(status="scheduled")
    assert upcoming.registrations.filter(person=None).count() >= 5
    assert upcoming.registrations.exclude(person=None).count() >= 5
    assert LearningSession.objects.filter(status="idea").count() >= 3
