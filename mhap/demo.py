"""The demo coalition: MHAP as its own description tells it (shared/seeds).

Built with the test factories, so the demo and the tests agree on what a
valid coalition looks like. Every name here is fictional except NAMI
Wisconsin, the facilitating agency named in the coalition's own text.
"""

import datetime

from django.db import transaction

from members.enums import InvitationStatus
from members.models import Invitation
from mhap.demo_advocacy import seed_advocacy
from mhap.demo_papers import seed_feedback_rounds, seed_papers, seed_summits
from mhap.demo_sessions import seed_learning_sessions
from tests.factories import (
    AdminFactory,
    ChairFactory,
    CoreGroupFactory,
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    MembershipRequestFactory,
    OrganisationFactory,
    SectorFactory,
    UserFactory,
    WorkgroupFactory,
)
from workgroups.enums import Cadence, WorkgroupStatus

SECTORS = [
    "Peers",
    "Family members",
    "Providers",
    "Counties",
    "Substance use",
    "Health",
    "Education",
    "Criminal justice",
    "Advocacy",
    "Research and data",
]

ORGANISATIONS = [
    ("NAMI Wisconsin", "Advocacy", "https://www.namiwisconsin.org"),
    ("Wisconsin Peer Recovery Network", "Peers", ""),
    ("Fox Valley Family Voices", "Family members", ""),
    ("Lakeshore Community Counseling", "Providers", ""),
    ("Driftless Behavioral Health Clinic", "Providers", ""),
    ("Dane County Human Services", "Counties", ""),
    ("La Crosse County Crisis Services", "Counties", ""),
    ("Recovery Alliance of Milwaukee", "Substance use", ""),
    ("Northwoods Rural Health Cooperative", "Health", ""),
    ("Badger State School Mental Health Collaborative", "Education", ""),
    ("Justice Reinvestment Network of Wisconsin", "Criminal justice", ""),
    ("Center for Mental Health Data at Lakeview University", "Research and data", ""),
]

WORKGROUPS = [
    {
        "name": "Medicaid & Workforce",
        "summary": "Medicaid coverage and reimbursement, and a workforce that can meet demand: "
        "loan repayment, peer specialists, supervision hours, pay parity.",
        "cadence": Cadence.MONTHLY,
        "status": WorkgroupStatus.ACTIVE,
    },
    {
        "name": "Access & Equity",
        "summary": "Timely, culturally informed care for everyone, wherever they live: "
        "disparities in access, parity enforcement, rural and telehealth care.",
        "cadence": Cadence.MONTHLY,
        "status": WorkgroupStatus.ACTIVE,
    },
    {
        "name": "Criminal Justice",
        "summary": "Fewer people in crisis meeting the justice system: 988 and mobile crisis, "
        "crisis stabilisation, diversion and re-entry.",
        "cadence": Cadence.MONTHLY,
        "status": WorkgroupStatus.ACTIVE,
    },
    {
        "name": "Data",
        "summary": "Meaningful public accountability: the measures that show whether the system "
        "is improving, and the data to track them.",
        "cadence": Cadence.MONTHLY,
        "status": WorkgroupStatus.ACTIVE,
    },
    {
        "name": "Governance",
        "summary": "Clarifies and develops guidance on how the partnership operates. "
        "Convenes as needed.",
        "cadence": Cadence.AS_NEEDED,
        "status": WorkgroupStatus.DORMANT,
    },
]

CORE_GROUP_SUMMARY = (
    "The steering committee. Meets every other week to share workgroup updates and plan "
    "learning sessions and summits."
)

# (email, full name, organisation). The first five are the documented logins.
PEOPLE = [
    ("admin@mhap.test", "Dana Whitfield", "NAMI Wisconsin"),
    ("core@mhap.test", "Marcus Oyelaran", "Wisconsin Peer Recovery Network"),
    ("chair@mhap.test", "Rosa Delgado", "Lakeshore Community Counseling"),
    ("member@mhap.test", "Tom Lindqvist", "Dane County Human Services"),
    ("partner@mhap.test", "Priya Nair", "Northwoods Rural Health Cooperative"),
    ("aisha.bello@example.org", "Aisha Bello", "Fox Valley Family Voices"),
    ("ben.kowalski@example.org", "Ben Kowalski", "La Crosse County Crisis Services"),
    ("carmen.ruiz@example.org", "Carmen Ruiz", "Recovery Alliance of Milwaukee"),
    (
        "david.thao@example.org",
        "David Thao",
        "Center for Mental Health Data at Lakeview University",
    ),
    (
        "elena.schultz@example.org",
        "Elena Schultz",
        "Badger State School Mental Health Collaborative",
    ),
    (
        "frank.whitehorse@example.org",
        "Frank Whitehorse",
        "Justice Reinvestment Network of Wisconsin",
    ),
    ("grace.lindgren@example.org", "Grace Lindgren", "Driftless Behavioral Health Clinic"),
    ("hector.morales@example.org", "Hector Morales", "Wisconsin Peer Recovery Network"),
    ("ingrid.paulsen@example.org", "Ingrid Paulsen", "Dane County Human Services"),
    ("jamal.carter@example.org", "Jamal Carter", "Justice Reinvestment Network of Wisconsin"),
    ("kim.vang@example.org", "Kim Vang", "Center for Mental Health Data at Lakeview University"),
    ("laura.becker@example.org", "Laura Becker", "Lakeshore Community Counseling"),
    ("maya.jensen@example.org", "Maya Jensen", "Fox Valley Family Voices"),
    ("nate.olson@example.org", "Nate Olson", "Northwoods Rural Health Cooperative"),
    ("olivia.grant@example.org", "Olivia Grant", "NAMI Wisconsin"),
    ("paul.nguyen@example.org", "Paul Nguyen", "Recovery Alliance of Milwaukee"),
    ("quinn.baker@example.org", "Quinn Baker", "Badger State School Mental Health Collaborative"),
    ("rita.hoffmann@example.org", "Rita Hoffmann", "La Crosse County Crisis Services"),
    ("sam.redcloud@example.org", "Sam Redcloud", "Driftless Behavioral Health Clinic"),
    ("tara.mueller@example.org", "Tara Mueller", "Dane County Human Services"),
    (
        "usha.patel@example.org",
        "Usha Patel",
        "Center for Mental Health Data at Lakeview University",
    ),
    ("victor.santos@example.org", "Victor Santos", "Justice Reinvestment Network of Wisconsin"),
    ("wendy.krause@example.org", "Wendy Krause", "Wisconsin Peer Recovery Network"),
    ("xavier.lee@example.org", "Xavier Lee", "Lakeshore Community Counseling"),
    ("yolanda.brooks@example.org", "Yolanda Brooks", "Fox Valley Family Voices"),
]

# workgroup name -> (chairs, members), by email
ROSTERS = {
    "Core Group": (
        ["olivia.grant@example.org"],
        [
            "core@mhap.test",
            "aisha.bello@example.org",
            "ben.kowalski@example.org",
            "carmen.ruiz@example.org",
            "elena.schultz@example.org",
            "frank.whitehorse@example.org",
        ],
    ),
    "Medicaid & Workforce": (
        ["chair@mhap.test", "grace.lindgren@example.org"],
        [
            "member@mhap.test",
            "hector.morales@example.org",
            "laura.becker@example.org",
            "nate.olson@example.org",
            "wendy.krause@example.org",
        ],
    ),
    "Access & Equity": (
        ["maya.jensen@example.org"],
        [
            "aisha.bello@example.org",
            "quinn.baker@example.org",
            "sam.redcloud@example.org",
            "yolanda.brooks@example.org",
        ],
    ),
    "Criminal Justice": (
        ["jamal.carter@example.org", "rita.hoffmann@example.org"],
        ["frank.whitehorse@example.org", "victor.santos@example.org", "paul.nguyen@example.org"],
    ),
    "Data": (
        ["kim.vang@example.org"],
        ["david.thao@example.org", "usha.patel@example.org", "tara.mueller@example.org"],
    ),
    "Governance": (["ingrid.paulsen@example.org"], ["xavier.lee@example.org"]),
}


@transaction.atomic
def seed_demo_coalition() -> dict[str, int]:
    from django.utils import timezone

    seeding_started = timezone.now()
    sectors = {
        name: SectorFactory(name=name, slug=_slug(name), position=index)
        for index, name in enumerate(SECTORS)
    }
    organisations = {
        name: OrganisationFactory(name=name, sector=sectors[sector], website=website)
        for name, sector, website in ORGANISATIONS
    }
    people = {}
    for email, full_name, organisation in PEOPLE:
        factory = AdminFactory if email == "admin@mhap.test" else UserFactory
        people[email] = factory(
            email=email, full_name=full_name, organisation=organisations[organisation]
        )
    workgroups = {
        "Core Group": CoreGroupFactory(
            slug="core-group",
            summary=CORE_GROUP_SUMMARY,
            meeting_link="https://zoom.example.org/j/mhap-core-group",
        )
    }
    for spec in WORKGROUPS:
        workgroups[spec["name"]] = WorkgroupFactory(slug=_slug(spec["name"]), **spec)
    for workgroup_name, (chairs, members) in ROSTERS.items():
        for email in chairs:
            ChairFactory(workgroup=workgroups[workgroup_name], person=people[email])
        for email in members:
            MembershipFactory(workgroup=workgroups[workgroup_name], person=people[email])
    _seed_membership_requests(people, workgroups, organisations)
    _seed_profiles()
    _seed_meetings(people, workgroups)
    _seed_issues(people, workgroups)
    seed_papers(people, workgroups)
    seed_summits(people)
    seed_feedback_rounds(people)
    seed_learning_sessions(people)
    seed_advocacy(people)
    _seed_check_in(people, workgroups)
    _seed_site_texts()
    _backdate_status_changes(since=seeding_started)
    _quiet_history(since=seeding_started)
    return {
        "sectors": len(sectors),
        "organisations": len(organisations),
        "people": len(people),
        "workgroups": len(workgroups),
    }


SITE_TEXTS = {
    "about": "The Wisconsin Mental Health Action Partnership (MHAP) is a broad, sustainable "
    "coalition that aspires toward equitable access and continuous improvement in integrated "
    "mental health care throughout the state. It launched in October 2023, after 18 months "
    "of planning by mental health advocates who saw the need for a community-led, "
    "coordinated effort to improve Wisconsin's mental health system.\n\n"
    "Its workgroups identify issues and write issue papers with recommendations; at summits "
    "the whole partnership reviews them. In 2024 MHAP produced 12 issue papers, ten of them "
    "needing legislative action. MHAP is facilitated by NAMI Wisconsin.",
    "vision": "Through the work of MHAP every person in Wisconsin who wants or needs mental "
    "health care will be able to easily access quality, affordable care in their community.",
    "mission": "- Preserve and increase access to prevention, early intervention, and a "
    "continuum of evidence-based integrated care.\n"
    "- Ensure choice in care that is peer-driven, family-driven, culturally informed, and "
    "recovery-focused.\n"
    "- Sustain, grow, diversify, and better utilize the workforce.\n"
    "- Maintain a compassionate, safe, high quality, and accountable system of integrated "
    "mental health care.",
    "values": "- Respect and trust within the mental health community\n"
    "- Choice by people with lived experience\n- Emphasis on prevention and early "
    "intervention\n- Compassionate care\n- Equitable access\n- Recovery focused\n"
    "- Trauma informed\n- Care in the least restrictive environment\n- Sustainable funding\n"
    "- Affordable care\n- Mental health parity\n- Meaningful, impactful public accountability\n"
    "- Belief that mental health is integral to overall wellbeing",
}


def _seed_site_texts() -> None:
    """The front page's texts, in the coalition's own words (../shared/seeds/000)."""
    from mhap.models import SiteText

    for key, body in SITE_TEXTS.items():
        SiteText.objects.get_or_create(key=key, defaults={"body": body})


def _seed_check_in(people, workgroups) -> None:
    """A Core Group check-in a little over an hour away, so its one-hour
    reminder goes out (to the console) a few minutes into `make run`. Each
    seed adds one when none is coming up."""
    from django.utils import timezone

    from workgroups.models import Meeting
    from workgroups.services import meetings as meeting_services

    now = timezone.now()
    core = next(w for w in workgroups.values() if w.is_core_group)
    soon = Meeting.objects.filter(
        workgroup=core, title="Check-in before the summit", starts_at__gt=now
    )
    if soon.exists():
        return
    meeting_services.schedule_meeting(
        workgroup=core,
        actor=people["admin@mhap.test"],
        title="Check-in before the summit",
        starts_at=(now + datetime.timedelta(minutes=66)).replace(second=0, microsecond=0),
        duration_minutes=30,
        time_zone="America/Chicago",
        meeting_link="https://zoom.example.org/j/mhap-core",
        agenda="1. Who presents each paper\n2. Feedback round: who has not answered yet",
    )


def _backdate_status_changes(*, since) -> None:
    """The papers moved their issues along as they were seeded, today; in the
    coalition's history those moves came a month or so apart after each issue
    was proposed (the overview's time-in-status reads them)."""
    from django.utils import timezone

    from issues.models import IssueChange

    latest = timezone.now() - datetime.timedelta(days=1)
    changes = (
        IssueChange.objects.filter(field="status", changed_at__gte=since)
        .select_related("issue")
        .order_by("issue_id", "pk")
    )
    step, previous = 0, None
    for change in changes:
        step = step + 1 if change.issue_id == previous else 1
        previous = change.issue_id
        when = min(change.issue.proposed_at + datetime.timedelta(days=45 * step), latest)
        IssueChange.objects.filter(pk=change.pk).update(changed_at=when)


def _quiet_history(*, since) -> None:
    """The demo's past happened before the Hub sent email: drop the
    notifications and messages seeding queued (co-authors added, rounds
    opened ...), so `make run` does not start with a burst of them.
    Reminders of events still ahead are planned as `make run` goes."""
    from reminders.models import Delivery

    Delivery.objects.filter(created_at__gte=since).delete()


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name.replace("&", "and"))


def _seed_membership_requests(people, workgroups, organisations) -> None:
    """Things waiting for an admin or a chair, so those pages have work on them."""
    JoinRequestFactory(
        email="jordan.reyes@example.org",
        full_name="Jordan Reyes",
        organisation_name="Milwaukee Youth Crisis Line",
        reason="We answer 988 calls from young people in Milwaukee County and would like "
        "to contribute to the crisis response work.",
    )
    JoinRequestFactory(
        email="pat.okafor@example.org",
        full_name="Pat Okafor",
        organisation_name="",
        reason="Parent of a young adult living with schizophrenia; I want to help with "
        "family-driven care and access in rural counties.",
    )
    if not Invitation.objects.filter(email="lena.hart@example.org").exists():
        invitation = InvitationFactory(
            email="lena.hart@example.org",
            full_name="Lena Hart",
            organisation=organisations["Driftless Behavioral Health Clinic"],
            invited_by=people["admin@mhap.test"],
            status=InvitationStatus.PENDING,
        )
        invitation.workgroups.set([workgroups["Access & Equity"]])
    MembershipRequestFactory(
        workgroup=workgroups["Medicaid & Workforce"],
        person=people["partner@mhap.test"],
        message="Northwoods Rural Health struggles to recruit licensed clinicians; I would "
        "like to help with the loan repayment paper.",
    )


PROFILES = {
    # A peer who keeps their affiliation private, as the directory allows.
    "hector.morales@example.org": {
        "show_organisation": False,
        "bio": "Certified peer specialist; lived experience of the crisis system.",
    },
    "chair@mhap.test": {
        "show_email": True,
        "phone": "920-555-0142",
        "show_phone": True,
        "bio": "Clinical director; chairs Medicaid & Workforce.",
    },
    "core@mhap.test": {"show_email": True, "bio": "Peer recovery coach and Core Group member."},
}


def _seed_profiles() -> None:
    from members.models import User

    for email, fields in PROFILES.items():
        User.objects.filter(email=email).update(**fields)


# workgroup -> (title, rule, local start time, what they are working on)
SERIES = {
    "Core Group": (
        "Core Group meeting",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        datetime.time(12, 0),
        ["Workgroup updates", "Spring summit planning", "Next learning session: 988 one year on"],
    ),
    "Medicaid & Workforce": (
        "Monthly meeting",
        "FREQ=MONTHLY;BYDAY=+2TU",
        datetime.time(18, 0),
        [
            "Loan repayment paper: second draft",
            "Peer specialist Medicaid billing",
            "Pay parity data",
        ],
    ),
    "Access & Equity": (
        "Monthly meeting",
        "FREQ=MONTHLY;BYDAY=+3TH",
        datetime.time(10, 0),
        ["Parity enforcement: insurer comparative analyses", "Rural telehealth permanence"],
    ),
    "Criminal Justice": (
        "Monthly meeting",
        "FREQ=MONTHLY;BYDAY=+1MO",
        datetime.time(13, 0),
        ["911-988 dispatch integration pilots", "Crisis stabilisation centre funding"],
    ),
    "Data": (
        "Monthly meeting",
        "FREQ=MONTHLY;BYDAY=+4WE",
        datetime.time(15, 0),
        ["988 answer-rate dashboard", "Baseline measures for the success metrics"],
    ),
}

UPDATES = {
    "Medicaid & Workforce": (
        "Finished the second draft of the loan repayment paper; met DHS staff about peer "
        "specialist billing codes.",
        "Share the draft with provider partners and collect fiscal estimates.",
        "A slot at the spring summit to present the paper.",
    ),
    "Access & Equity": (
        "Reviewed three insurers' parity comparative analyses with a volunteer attorney.",
        "Draft recommendations on proactive parity audits.",
        "",
    ),
    "Criminal Justice": (
        "Heard from two counties running 911-988 dispatch pilots.",
        "Write up what made the pilots work and their costs.",
        "Introductions to sheriffs' association contacts.",
    ),
}


def _seed_meetings(people, workgroups) -> None:
    import zoneinfo

    from django.utils import timezone

    from workgroups import recurrence
    from workgroups.models import ActionItem, Meeting, MeetingSeries, MinutesRevision
    from workgroups.services import meetings as meeting_services

    now = timezone.now()
    today = timezone.localdate()
    first_day = today.replace(day=1) - datetime.timedelta(days=120)
    zone = "America/Chicago"
    for name, (title, rule, start_time, topics) in SERIES.items():
        workgroup = workgroups[name]
        series = MeetingSeries.objects.filter(workgroup=workgroup, title=title).first()
        if series is None:
            series = meeting_services.schedule_series(
                workgroup=workgroup,
                actor=people["admin@mhap.test"],
                title=title,
                rule=rule,
                starts_on=first_day,
                start_time=start_time,
                duration_minutes=90 if workgroup.is_core_group else 60,
                time_zone=zone,
                until=None,
                meeting_link="",
            )
        roster = [m.person for m in workgroup.memberships.filter(ended_on__isnull=True)]
        chair = next(
            (m.person for m in workgroup.memberships.filter(role="chair", ended_on__isnull=True)),
            roster[0],
        )
        past_starts = recurrence.occurrences(
            rule=rule,
            starts_on=first_day,
            start_time=start_time,
            time_zone=zone,
            until=None,
            after=datetime.datetime.combine(first_day, datetime.time.min, zoneinfo.ZoneInfo(zone)),
            before=now - datetime.timedelta(days=1),
        )
        for index, start in enumerate(past_starts):
            meeting, created = Meeting.objects.get_or_create(
                series=series,
                original_start=start,
                defaults={
                    "workgroup": workgroup,
                    "title": title,
                    "starts_at": start,
                    "ends_at": start + datetime.timedelta(minutes=series.duration_minutes),
                    "time_zone": zone,
                    "agenda": "\n".join(f"{n}. {topic}" for n, topic in enumerate(topics, 1)),
                },
            )
            if not created:
                continue
            MinutesRevision.objects.create(
                meeting=meeting,
                author=chair,
                created_at=start + datetime.timedelta(hours=2),
                text=f"Chaired by {chair.full_name}.\n\n"
                + "\n".join(
                    f"- **{topic}**: discussed; notes shared in the folder." for topic in topics
                ),
            )
            meeting_services.record_attendance(
                meeting=meeting, actor=chair, present=roster[: max(2, len(roster) - index % 3)]
            )
            item = ActionItem.objects.create(
                workgroup=workgroup,
                meeting=meeting,
                description=f"Follow up: {topics[index % len(topics)]}",
                owner=roster[index % len(roster)],
                due_on=(start + datetime.timedelta(days=21)).date(),
                created_by=chair,
                created_at=start + datetime.timedelta(hours=1),
            )
            if index < len(past_starts) - 2:
                ActionItem.objects.filter(pk=item.pk).update(
                    done_at=start + datetime.timedelta(days=14), done_by=item.owner
                )
        # Agendas for the next meetings, so their pages are not empty.
        Meeting.objects.filter(series=series, starts_at__gte=now, agenda="").update(
            agenda="\n".join(f"{n}. {topic}" for n, topic in enumerate(topics, 1))
        )
    for name, (happened, next_steps, needs) in UPDATES.items():
        workgroup = workgroups[name]
        if not workgroup.updates.exists():
            chair = workgroup.memberships.filter(role="chair").first().person
            meeting_services.post_update(
                workgroup=workgroup,
                author=chair,
                happened=happened,
                next_steps=next_steps,
                needs=needs,
            )


LEVERS = [
    ("Regulation and policy", "Definitions, credentials and the structure of the system of care."),
    ("Payment", "Salaries, reimbursement and the financing that sustains the workforce."),
    ("Clinical model", "Care models that use the workforce well: team-based, integrated care."),
    (
        "Workforce expansion",
        "A larger workforce, more representative of the communities it serves.",
    ),
    (
        "Organizational culture",
        "The day-to-day experience of the workforce: burnout, safety, growth.",
    ),
    (
        "Quality and accountability",
        "Demonstrating quality and outcomes, and public accountability.",
    ),
    ("Technology", "Telehealth, data and tools that extend the workforce's reach."),
]
POLICY_AREAS = [
    "Crisis response",
    "Parity",
    "Workforce",
    "Integration",
    "Financing",
    "Access",
    "Criminal justice",
    "Data and measurement",
    "Children and youth",
]

# (title, workgroup, term, status, legislative, impact, momentum, levers, areas)
ISSUES = [
    ("Sustainable funding for 988 call centres", "Criminal Justice", "short", "adopted", "yes", 5, 5, ["Payment"], ["Crisis response"]),
    ("Mobile crisis teams available in every county", "Criminal Justice", "short", "in_advocacy", "yes", 5, 4, ["Payment", "Clinical model"], ["Crisis response"]),
    ("Seed funding for crisis stabilisation centres", "Criminal Justice", "short", "adopted", "yes", 4, 4, ["Payment"], ["Crisis response"]),
    ("911-988 dispatch integration pilots", "Criminal Justice", "medium", "prioritised", "unknown", 4, 3, ["Technology"], ["Crisis response", "Criminal justice"]),
    ("Proactive parity enforcement audits by OCI", "Access & Equity", "short", "in_advocacy", "yes", 5, 3, ["Regulation and policy", "Quality and accountability"], ["Parity"]),
    ("Insurer comparative analysis reports made public", "Access & Equity", "short", "adopted", "yes", 4, 3, ["Quality and accountability"], ["Parity", "Data and measurement"]),
    ("Make telehealth flexibilities permanent", "Access & Equity", "short", "adopted", "yes", 4, 5, ["Technology", "Regulation and policy"], ["Access"]),
    ("School-based mental health services grant expansion", "Access & Equity", "short", "adopted", "yes", 4, 4, ["Payment"], ["Children and youth", "Access"]),
    ("Culturally informed care standards in Medicaid contracts", "Access & Equity", "medium", "accepted", "unknown", 4, 2, ["Quality and accountability"], ["Access"]),
    ("State loan repayment for behavioural health professionals", "Medicaid & Workforce", "short", "adopted", "yes", 5, 4, ["Workforce expansion", "Payment"], ["Workforce"]),
    ("Medicaid coverage of Collaborative Care codes", "Medicaid & Workforce", "short", "under_review", "no", 5, 4, ["Payment", "Clinical model"], ["Integration", "Financing"]),
    ("Certified peer specialist Medicaid billing", "Medicaid & Workforce", "short", "adopted", "yes", 4, 5, ["Payment", "Workforce expansion"], ["Workforce"]),
    ("Count supervised hours from all settings toward licensure", "Medicaid & Workforce", "short", "adopted", "yes", 4, 4, ["Regulation and policy"], ["Workforce"]),
    ("Pay parity for community mental health staff", "Medicaid & Workforce", "medium", "prioritised", "unknown", 5, 2, ["Payment"], ["Workforce", "Financing"]),
    ("IMD exclusion waiver for short-term residential care", "Medicaid & Workforce", "long", "deferred", "unknown", 4, 1, ["Regulation and policy", "Payment"], ["Financing"]),
    ("Baseline measures for the coalition's success metrics", "Data", "short", "paper_in_progress", "no", 3, 4, ["Quality and accountability"], ["Data and measurement"]),
    ("Public 988 answer-rate dashboard", "Data", "short", "accepted", "unknown", 3, 3, ["Technology", "Quality and accountability"], ["Data and measurement", "Crisis response"]),
    ("Mental health workforce data collected at licence renewal", "Data", "medium", "proposed", "unknown", None, None, ["Workforce expansion", "Technology"], ["Workforce", "Data and measurement"]),
    ("Jail diversion and re-entry care coordination", "Criminal Justice", "medium", "proposed", "unknown", None, None, ["Clinical model"], ["Criminal justice"]),
    ("Burnout prevention programmes for crisis workers", "Medicaid & Workforce", "medium", "proposed", "unknown", None, None, ["Organizational culture"], ["Workforce", "Crisis response"]),
    ("Network adequacy standards for mental health", "Access & Equity", "long", "proposed", "unknown", None, None, ["Regulation and policy"], ["Parity", "Access"]),
    ("Peer-run respite centres in every region", "Access & Equity", "medium", "proposed", "unknown", None, None, ["Clinical model"], ["Crisis response", "Access"]),
    ("Primary care integration payment model", "Medicaid & Workforce", "long", "proposed", "unknown", None, None, ["Payment", "Clinical model"], ["Integration", "Financing"]),
    ("Youth crisis stabilisation beds", "Criminal Justice", "medium", "closed", "unknown", 3, 2, ["Payment"], ["Children and youth", "Crisis response"]),
]  # fmt: skip


def _seed_issues(people, workgroups) -> None:
    from issues.models import Issue
    from tests.factories import IssueFactory, LeverFactory, PolicyAreaFactory

    levers = {
        name: LeverFactory(name=name, slug=_slug(name), description=text, position=index)
        for index, (name, text) in enumerate(LEVERS)
    }
    areas = {name: PolicyAreaFactory(name=name, slug=_slug(name)) for name in POLICY_AREAS}
    proposers = [person for email, person in people.items() if not email.startswith("partner")]
    start = datetime.datetime(2024, 1, 15, 15, 0, tzinfo=datetime.UTC)
    for index, (title, group, term, status, legislative, impact, momentum, lever_names,
                area_names) in enumerate(ISSUES):  # fmt: skip
        if Issue.objects.filter(title=title).exists():
            continue
        workgroup = workgroups[group]
        chair = workgroup.memberships.filter(role="chair").first().person
        issue = IssueFactory(
            title=title,
            description=f"**{title}.** See the coalition's roadmap for the evidence, "
            "the milestones and who is affected.",
            workgroup=workgroup,
            term=term,
            status=status,
            legislative=legislative,
            impact=impact,
            momentum=momentum,
            owner=chair if status != "proposed" else None,
            proposed_by=proposers[index % len(proposers)],
            proposed_at=start + datetime.timedelta(days=index * 17),
        )
        issue.levers.set([levers[name] for name in lever_names])
        issue.policy_areas.set([areas[name] for name in area_names])


def seed_scale_issues(count: int) -> int:
    """N generated issues in bulk inserts, to measure the triage page at scale."""
    import random

    from issues.enums import Legislative, Status, Term
    from issues.models import Issue
    from tests.factories import IssueFactory
    from workgroups.models import Workgroup

    generator = random.Random(2024)  # noqa: S311 -- demo data, not secrets
    workgroups = list(Workgroup.objects.filter(is_core_group=False))
    now = datetime.datetime.now(tz=datetime.UTC)
    batch = []
    for n in range(count):
        issue = IssueFactory.build(
            workgroup=generator.choice(workgroups),
            term=generator.choice([*Term.values, ""]),
            status=generator.choice(Status.values),
            legislative=generator.choice(Legislative.values),
            impact=generator.choice([None, 1, 2, 3, 4, 5]),
            momentum=generator.choice([None, 1, 2, 3, 4, 5]),
            proposed_at=now - datetime.timedelta(minutes=n * 7),
        )
        batch.append(issue)
        if len(batch) == 5000:
            Issue.objects.bulk_create(batch)
            batch = []
    Issue.objects.bulk_create(batch)
    return count
