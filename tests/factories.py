"""factory_boy factories: the tests, the demo seed and the benchmarks share them."""

import datetime
import secrets

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify

from members.enums import ImportStatus
from members.models import (
    Invitation,
    InvitationImport,
    JoinRequest,
    Organisation,
    Sector,
    User,
    hash_token,
)
from workgroups.enums import Cadence, Role, WorkgroupStatus
from workgroups.models import (
    ActionItem,
    Meeting,
    MeetingSeries,
    Membership,
    MembershipRequest,
    MinutesRevision,
    Workgroup,
    WorkgroupUpdate,
)

DEMO_PASSWORD = "mhap-demo"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    position = factory.Sequence(lambda n: n)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = factory.SubFactory(SectorFactory)
    website = ""


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    is_active = True
    is_staff = False
    # Hashing is slow on purpose; one hash serves every factory-made person.
    password = factory.LazyFunction(lambda: _demo_password_hash())

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        # allauth signs in only people whose address is verified; a factory-made
        # person stands for someone who has accepted their invitation.
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


_password_hash_cache: dict[str, str] = {}


def _demo_password_hash() -> str:
    if DEMO_PASSWORD not in _password_hash_cache:
        _password_hash_cache[DEMO_PASSWORD] = make_password(DEMO_PASSWORD)
    return _password_hash_cache[DEMO_PASSWORD]


class AdminFactory(UserFactory):
    is_staff = True
    is_superuser = True


class WorkgroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workgroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Workgroup {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    summary = ""
    status = WorkgroupStatus.ACTIVE
    cadence = Cadence.MONTHLY
    meeting_link = factory.LazyAttribute(lambda o: f"https://zoom.example.org/j/{o.slug}")


class CoreGroupFactory(WorkgroupFactory):
    name = "Core Group"
    is_core_group = True
    cadence = Cadence.BIWEEKLY


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        django_get_or_create = ("workgroup", "person", "ended_on")

    workgroup = factory.SubFactory(WorkgroupFactory)
    person = factory.SubFactory(UserFactory)
    role = Role.MEMBER
    started_on = datetime.date(2023, 10, 1)
    ended_on = None


class ChairFactory(MembershipFactory):
    role = Role.CHAIR


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose raw token is kept on the object as `.token` (tests only:
    the app stores only the hash)."""

    class Meta:
        model = Invitation

    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    full_name = factory.Faker("name")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    sent_at = factory.LazyFunction(timezone.now)
    send_count = 1

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = kwargs.pop("token", None)
        invitation = super()._create(model_class, *args, **kwargs)
        invitation.token = token
        return invitation


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest
        django_get_or_create = ("email",)

    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    organisation_name = "Fox Valley Family Voices"
    reason = "I lead a family support group and want to help with the access work."


class InvitationImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitationImport

    filename = "people.csv"
    status = ImportStatus.DONE
    errors = factory.LazyFunction(lambda: [[3, "bad", "'bad' is not a valid email address."]])


class MembershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipRequest
        django_get_or_create = ("workgroup", "person", "status")

    workgroup = factory.SubFactory(WorkgroupFactory)
    person = factory.SubFactory(UserFactory)
    status = "pending"
    message = "I would like to help with the workforce paper."


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    """A series row only; services.meetings.schedule_series makes its meetings."""

    class Meta:
        model = MeetingSeries

    workgroup = factory.SubFactory(WorkgroupFactory)
    title = "Monthly meeting"
    rule = "FREQ=MONTHLY;BYDAY=+2TU"
    starts_on = factory.LazyFunction(lambda: timezone.localdate())
    start_time = datetime.time(18, 0)
    duration_minutes = 60
    time_zone = "America/Chicago"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    workgroup = factory.SubFactory(WorkgroupFactory)
    title = "Monthly meeting"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    time_zone = "America/Chicago"
    agenda = "1. Welcome\n2. Loan repayment paper: next draft"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    workgroup = factory.SubFactory(WorkgroupFactory)
    description = factory.Sequence(lambda n: f"Draft section {n} of the workforce paper")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class MinutesRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinutesRevision

    meeting = factory.SubFactory(MeetingFactory)
    text = "Present: the chairs and five members.\n\n- Agreed the paper outline."


class WorkgroupUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkgroupUpdate

    workgroup = factory.SubFactory(WorkgroupFactory)
    happened = "Finished the first draft of the loan repayment paper."
    next_steps = "Collect feedback from providers in rural counties."
    needs = ""


class LeverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "issues.Lever"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Lever {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PolicyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "issues.PolicyArea"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Policy area {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


ISSUE_TOPICS = [
    "988 call centre funding",
    "Mobile crisis teams in rural counties",
    "Crisis stabilisation centres",
    "Parity enforcement audits",
    "Loan repayment for behavioural health workers",
    "Collaborative Care coverage in Medicaid",
    "Peer specialist Medicaid billing",
    "Telehealth permanence",
    "IMD exclusion waiver",
    "School-based mental health services",
    "911-988 dispatch integration",
    "Supervision hours for new clinicians",
]


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "issues.Issue"

    title = factory.Sequence(lambda n: f"{ISSUE_TOPICS[n % len(ISSUE_TOPICS)]} ({n})")
    description = "Barriers, who is affected, and what a change in policy could do."
    workgroup = factory.SubFactory(WorkgroupFactory)
    term = "short"
    status = "proposed"
    proposed_at = factory.LazyFunction(timezone.now)


def paper_in_state(*, workgroup, chair, core, state="draft", recommendations=2, issue=None):
    """An issue paper brought to `state` through the services, as people would:
    started by the chair, one full revision, then submitted, reviewed, adopted."""
    from issues import services
    from issues.models import Implementer

    issue = issue or IssueFactory(workgroup=workgroup, status="prioritised")
    paper = services.start_paper(actor=chair, issue=issue)
    lever = LeverFactory(name="Payment")
    legislature, _ = Implementer.objects.get_or_create(
        slug="legislature", defaults={"name": "Legislature"}
    )
    services.save_revision(
        actor=chair,
        paper=paper,
        content={
            "title": f"Paper on {issue.title}",
            "summary": "Fund the crisis line from a dedicated fee.",
            "background": "988 launched in July 2022.",
            "problem": "Funding is renegotiated every budget.",
        },
        recommendations=[
            services.RecommendationText(
                text=f"Recommendation {n} of the paper.",
                legislative=n == 1,
                implementers=[legislature],
                levers=[lever],
            )
            for n in range(1, recommendations + 1)
        ],
        expected_version=1,
    )
    order = ["submitted", "under_review", "revising", "adopted", "archived"]
    steps = order[: order.index(state) + 1] if state in order else []
    for step in steps:
        if step == "submitted":
            services.submit_for_review(actor=chair, paper=paper, expected_version=paper.version)
        elif step == "under_review":
            services.start_review(actor=core, paper=paper)
        elif step == "revising":
            services.return_for_revision(actor=chair, paper=paper)
        elif step == "adopted":
            services.adopt_paper(
                actor=core,
                paper=paper,
                expected_version=paper.version,
                adopted_on=datetime.date(2024, 10, 17),
                adopted_at_event="Fall Summit 2024",
                decision="Adopted with the workgroup's revisions.",
            )
        elif step == "archived":
            services.archive_paper(actor=core, paper=paper)
    paper.refresh_from_db()
    return paper


class SummitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "summits.Summit"

    title = factory.Sequence(lambda n: f"Partnership Summit {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=4))
    format = "hybrid"
    venue = "Monona Terrace, Madison"
    address = "1 John Nolen Dr\nMadison, WI 53703"
    meeting_link = "https://zoom.example.org/j/mhap-summit"
    agenda = "1. Welcome\n2. Workgroup papers\n3. Feedback"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "summits.Registration"

    summit = factory.SubFactory(SummitFactory)
    person = factory.SubFactory(UserFactory)
    mode = "in_person"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning_sessions.Topic"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class LearningSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning_sessions.LearningSession"

    title = factory.Sequence(lambda n: f"Learning session {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    status = "published"
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    description = "What 988 answers, and what happens after the call."
    visibility = "public"
    meeting_link = "https://zoom.example.org/j/mhap-learning"
    recording_link = "https://vimeo.com/123456789"


def calendar_token(person) -> str:
    """The person's calendar feed token, made as the profile's button makes it
    when they have none yet."""
    from members.services.calendar import reset_calendar_token

    return person.calendar_token or reset_calendar_token(person=person)


# Advocacy ------------------------------------------------------------------


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "issues.Committee"
        django_get_or_create = ("chamber", "name")

    chamber = "assembly"
    name = "Mental Health and Substance Abuse Prevention"


class LegislatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "issues.Legislator"

    full_name = factory.Sequence(lambda n: f"Legislator {n}")
    chamber = "assembly"
    district = factory.Sequence(lambda n: n % 99 + 1)
    party = "D"
    office_email = factory.Sequence(lambda n: f"rep.{n}@legis.example.gov")


class BillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "issues.Bill"

    number = factory.Sequence(lambda n: f"AB {100 + n}")
    session = "2025-2026"
    title = factory.Sequence(lambda n: f"Relating to crisis services, part {n}")
    status = "in_committee"


class ContactFactory(factory.django.DjangoModelFactory):
    """A contact with its many-to-many parts given as lists: legislators,
    papers, bills, members_present, organisations_present. `legislators`
    may instead be {legislator: response}; listed ones respond
    `legislators__response` (supportive)."""

    class Meta:
        model = "issues.Contact"
        skip_postgeneration_save = True

    on = datetime.date(2025, 3, 4)
    kind = "meeting"
    ask = "Co-sponsor the bill."

    @factory.post_generation
    def legislators(self, create, extracted, response="supportive", **kwargs):
        if not create:
            return
        if not isinstance(extracted, dict):
            extracted = dict.fromkeys(extracted or [LegislatorFactory()], response)
        for legislator, said in extracted.items():
            self.responses.create(legislator=legislator, response=said)

    @factory.post_generation
    def papers(self, create, extracted, **kwargs):
        if create and extracted:
            self.papers.set(extracted)

    @factory.post_generation
    def bills(self, create, extracted, **kwargs):
        if create and extracted:
            self.bills.set(extracted)

    @factory.post_generation
    def members_present(self, create, extracted, **kwargs):
        if create and extracted:
            self.members_present.set(extracted)

    @factory.post_generation
    def organisations_present(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations_present.set(extracted)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "issues.FollowUp"

    contact = factory.SubFactory(ContactFactory)
    description = "Send the fiscal note to the office."
    owner = factory.SubFactory(UserFactory)
    due_on = datetime.date(2025, 3, 18)
