import time
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from mhap.celery import app as celery_app
from tests.factories import (
    ActionItemFactory,
    AdminFactory,
    ChairFactory,
    CoreGroupFactory,
    InvitationFactory,
    InvitationImportFactory,
    IssueFactory,
    JoinRequestFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    MembershipFactory,
    MembershipRequestFactory,
    UserFactory,
    WorkgroupFactory,
)

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _eager_celery(monkeypatch):
    """Tasks run in the test's own process; tests/mhap/test_mail.py starts a real
    worker and turns this off for itself."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", True)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Uploads land in the test's own folder, never in var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Rendering {% static %} must not need a collectstatic manifest in tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The matrix is about roles; tests/members/test_admin_pages.py turns the
    # admins' second-factor requirement on and checks it.
    settings.ADMIN_MFA_REQUIRED = False
    # A fresh cache namespace per test: allauth's rate limits live in the cache
    # (Redis on CI), and one test's failed logins must not throttle the next.
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


class Coalition:
    """One small coalition with a person in every role of the permission matrix.

    `workgroup` is the workgroup the matrix's "own workgroup" cells refer to;
    `other_workgroup` is chaired by `other_chair`.
    """

    ROLES = ("public", "partner", "wg_member", "wg_chair", "other_chair", "core", "admin")

    def __init__(self):
        self.core_group = CoreGroupFactory(slug="core-group")
        self.workgroup = WorkgroupFactory(name="Medicaid & Workforce", slug="medicaid-workforce")
        self.other_workgroup = WorkgroupFactory(name="Criminal Justice", slug="criminal-justice")
        self.partner = UserFactory(email="partner@example.org", full_name="Pat Partner")
        self.wg_member = MembershipFactory(
            workgroup=self.workgroup, person__full_name="Wren Member"
        ).person
        self.wg_chair = ChairFactory(workgroup=self.workgroup, person__full_name="Cam Chair").person
        self.other_chair = ChairFactory(
            workgroup=self.other_workgroup, person__full_name="Oli Otherchair"
        ).person
        self.core = MembershipFactory(
            workgroup=self.core_group, person__full_name="Cory Core"
        ).person
        self.admin = AdminFactory(full_name="Ada Admin")

    def user(self, role: str):
        return AnonymousUser() if role == "public" else getattr(self, role)

    # Objects some URLs need; each call makes a fresh one.

    def invitation_token(self) -> str:
        return InvitationFactory(invited_by=self.admin).token

    def invitation(self):
        return InvitationFactory(invited_by=self.admin)

    def invitation_import(self):
        return InvitationImportFactory(uploaded_by=self.admin)

    def join_request(self):
        return JoinRequestFactory()

    def membership_request(self):
        return MembershipRequestFactory(workgroup=self.workgroup, person=self.partner)

    def membership(self):
        return self.wg_member.memberships.get()

    def meeting(self):
        return MeetingFactory(workgroup=self.workgroup)

    def meeting_link_ids(self):
        meeting = MeetingFactory(workgroup=self.workgroup)
        link = meeting.links.create(title="Workgroups", path="/workgroups/")
        return {"pk": meeting.pk, "link_pk": link.pk}

    def issue(self):
        return IssueFactory(workgroup=self.workgroup)

    # Advocacy: an adopted legislative paper, the legislators, bills and
    # contacts about it. The contact is logged by wg_member.

    def legislative_paper(self):
        return self.paper(state="adopted")

    def legislator(self):
        from tests.factories import CommitteeFactory, LegislatorFactory

        legislator = LegislatorFactory()
        legislator.committees.add(CommitteeFactory())
        return legislator

    def bill(self):
        from tests.factories import BillFactory, CommitteeFactory

        bill = BillFactory()
        bill.papers.add(self.legislative_paper())
        bill.committees.add(CommitteeFactory())
        return bill

    def contact(self):
        from tests.factories import ContactFactory

        return ContactFactory(
            logged_by=self.wg_member,
            legislators=[self.legislator()],
            papers=[self.legislative_paper()],
            members_present=[self.wg_member],
        )

    def follow_up(self):
        from tests.factories import FollowUpFactory

        return FollowUpFactory(contact=self.contact(), owner=self.wg_member)

    def paper(self, state: str = "draft"):
        from tests.factories import paper_in_state

        return paper_in_state(
            workgroup=self.workgroup, chair=self.wg_chair, core=self.core, state=state
        )

    def paper_comment_ids(self):
        from issues import services

        paper = self.paper()
        comment = services.add_paper_comment(actor=self.wg_member, paper=paper, body="Cite it.")
        return {"pk": paper.pk, "comment_pk": comment.pk}

    def issue_prioritised(self):
        return IssueFactory(workgroup=self.workgroup, status="prioritised")

    def summit(self):
        from tests.factories import SummitFactory

        return SummitFactory()

    def feedback_round(self, *, open_now: bool = True):
        import datetime

        from django.utils import timezone

        from summits import services as summit_services
        from tests.factories import SummitFactory, paper_in_state

        paper = paper_in_state(
            workgroup=self.workgroup, chair=self.wg_chair, core=self.core, state="submitted"
        )
        now = timezone.now()
        start = now - datetime.timedelta(days=1) if open_now else now + datetime.timedelta(days=1)
        return summit_services.create_round(
            actor=self.core,
            summit=SummitFactory(),
            title="Before the summit",
            opens_at=start,
            closes_at=start + datetime.timedelta(days=7),
            results_while_open=False,
            papers=[paper],
        )

    def round_paper_ids(self):
        feedback_round = self.feedback_round()
        revision = feedback_round.revisions.get()
        return {"pk": feedback_round.pk, "paper_pk": revision.paper_id}

    def feedback_ids(self):
        from summits import services as summit_services

        feedback_round = self.feedback_round()
        feedback = summit_services.give_feedback(
            person=self.partner,
            feedback_round=feedback_round,
            revision=feedback_round.revisions.get(),
            stance="concerns",
            comments="Cost?",
            suggested_changes="",
            recommendation_number=None,
            organisation_position=False,
        )
        return {"pk": feedback.pk}

    def learning_session(self, **fields):
        from tests.factories import LearningSessionFactory

        return LearningSessionFactory(**fields)

    def session_with_files(self, **fields):
        """A published session with slides and captions uploaded."""
        from django.core.files.base import ContentFile

        from tests.factories import LearningSessionFactory

        session = LearningSessionFactory(**fields)
        session.slides_file.save("slides.pdf", ContentFile(b"%PDF-1.7\n%test\n"), save=False)
        session.captions_file.save(
            "captions.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n"), save=False
        )
        session.save()
        return session

    def guest_token(self) -> str:
        """The emailed link of a guest who registered for an upcoming session."""
        from learning_sessions import services
        from learning_sessions.models import SessionRegistration
        from members.models import hash_token

        registration = SessionRegistration.objects.create(
            session=self.upcoming_session(), guest_name="Ana Ortiz", guest_email="ana@example.net"
        )
        token = services.guest_token(registration)
        registration.token_hash = hash_token(token)
        registration.save(update_fields=["token_hash"])
        return token

    def unsubscribe_token(self) -> str:
        from reminders.messages import unsubscribe_token

        return unsubscribe_token(f"person:{self.partner.pk}", "summit")

    def failed_delivery(self):
        from django.utils import timezone

        from reminders.models import Delivery

        now = timezone.now()
        return Delivery.objects.create(
            kind="summit", event_key="summit:1", recipient_key=f"person:{self.partner.pk}",
            email=self.partner.email, event_starts_at=now, due_at=now, send_after=now,
            status="failed", attempts=6, last_error="SMTPServerDisconnected",
        )  # fmt: skip

    def ready_export(self, **fields):
        """An export an admin asked for, built and downloadable for a day: a
        small real zip in storage."""
        import datetime
        import io
        import zipfile

        from django.core.files.base import ContentFile
        from django.utils import timezone

        from mhap.models import Export

        content = io.BytesIO()
        with zipfile.ZipFile(content, "w") as archive:
            archive.writestr("manifest.json", '{"files": []}')
        now = timezone.now()
        export = Export(
            **{
                "requested_by": self.admin,
                "status": Export.Status.READY,
                "steps_done": 2,
                "steps_total": 2,
                "finished_at": now,
                "expires_at": now + datetime.timedelta(hours=24),
                "row_counts": {"people": 7},
                "size": len(content.getvalue()),
                **fields,
            }
        )
        export.file.save("exports/ready.zip", ContentFile(content.getvalue()), save=False)
        export.save()
        return export

    def upcoming_session(self):
        import datetime

        from django.utils import timezone

        from tests.factories import LearningSessionFactory

        return LearningSessionFactory(
            status="scheduled", starts_at=timezone.now() + datetime.timedelta(days=14)
        )

    def saved_view(self):
        from issues.models import SavedView

        return SavedView.objects.create(owner=self.core, name="Inbox", query="status=proposed")

    def series(self):
        return MeetingSeriesFactory(workgroup=self.workgroup)

    def action_item(self):
        return ActionItemFactory(workgroup=self.workgroup, owner=self.wg_member)

    def calendar_token(self):
        from tests.factories import calendar_token

        return calendar_token(self.wg_member)


@pytest.fixture
def coalition(db):
    return Coalition()


@pytest.fixture
def client_as(client):
    """client_as(user) -> the test client signed in as that person (or anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def reauthenticated():
    """reauthenticated(client, user): as if the person just typed their password
    again, so allauth lets them change roles without asking."""

    def mark(client, user):
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password", "at": time.time(), "reauthenticated": True}
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
        return client

    return mark
