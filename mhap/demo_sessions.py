"""Demo learning sessions: a year of monthly sessions on the seed material's
topics, the past ones published with recordings, the next one scheduled, and
ideas in the Core Group's pipeline."""

import datetime
import zoneinfo

TOPICS = ["988 and crisis response", "Parity", "Peer specialists", "Workforce pipeline",
          "Integrated care", "Data and measurement", "Children and youth"]  # fmt: skip

# (title, month offset from now, topic, presenter, organisation, visibility)
SESSIONS = [
    ("What happens after a 988 call", -11, "988 and crisis response", "Dr. Amara Lopez",
     "Wisconsin 988 Lifeline", "public"),
    ("Parity enforcement: what OCI can do", -10, "Parity", "Helen Park",
     "Office of the Commissioner of Insurance (retired)", "public"),
    ("Certified peer specialists in Medicaid", -9, "Peer specialists", "Jordan Reyes",
     "Milwaukee Youth Crisis Line", "public"),
    ("Loan repayment and the workforce pipeline", -8, "Workforce pipeline", "Sam Redcloud",
     "Driftless Behavioral Health Clinic", "public"),
    ("Collaborative Care in rural clinics", -7, "Integrated care", "Nate Olson",
     "Northwoods Rural Health Cooperative", "public"),
    ("Measuring what matters: the coalition's indicators", -6, "Data and measurement",
     "Kim Vang", "Center for Mental Health Data at Lakeview University", "members"),
    ("Mobile crisis teams in every county", -5, "988 and crisis response", "Rita Hoffmann",
     "La Crosse County Crisis Services", "public"),
    ("School-based services that work", -4, "Children and youth", "Elena Schultz",
     "Badger State School Mental Health Collaborative", "public"),
    ("Supervision hours and licensure", -3, "Workforce pipeline", "Grace Lindgren",
     "Driftless Behavioral Health Clinic", "public"),
    ("Telehealth after the emergency rules", -2, "Integrated care", "Laura Becker",
     "Lakeshore Community Counseling", "public"),
    ("Family voices in crisis planning", -1, "988 and crisis response", "Maya Jensen",
     "Fox Valley Family Voices", "public"),
]  # fmt: skip
# What each past session's captions say beyond the welcome and the thanks, and
# the coalition's paper it relates to (by title).
SAID = {
    "What happens after a 988 call": (
        "Sustain Wisconsin's 988 Lifeline with a dedicated telecom fee",
        ["Most calls are resolved on the phone; about one in fifty needs a mobile team.",
         "The telecom fee would cost less than thirty cents a line each month.",
         "Callers from Ashland and Bayfield are answered by the same centre as Milwaukee."],
    ),
    "Parity enforcement: what OCI can do": (
        "Proactive mental health parity enforcement by OCI",
        ["A comparative analysis shows how an insurer applies prior authorisation.",
         "Complaints are rare because families do not know the law protects them.",
         "Market conduct exams can look at network adequacy, not only claims."],
    ),
    "Certified peer specialists in Medicaid": (
        "Expand Medicaid billing for certified peer specialists",
        ["Peer specialists bring lived experience into the clinic and the emergency room.",
         "Today only a few Medicaid benefits pay for a peer specialist's time.",
         "Supervision by another peer keeps the role from drifting into case management."],
    ),
    "Loan repayment and the workforce pipeline": (
        "State loan repayment for behavioral health professionals",
        ["A counsellor in Vernon County can carry eighty thousand dollars of loans.",
         "Loan repayment keeps people in rural clinics for the years it covers.",
         "The federal programme cannot reach the clinics that need it most."],
    ),
    "Collaborative Care in rural clinics": (
        "Pay for the Collaborative Care Model in Wisconsin Medicaid",
        ["The care manager keeps a registry and calls patients who miss a visit.",
         "The psychiatric consultant reviews the registry every week by video.",
         "Without Medicaid codes the clinic pays for the care manager itself."],
    ),
    "Measuring what matters: the coalition's indicators": (
        "Baseline measures for MHAP's success metrics",
        ["Our baseline year is 2024, and the Kenosha numbers are still provisional.",
         "Wait times come from the counties; we ask the same three questions everywhere.",
         "A measure nobody updates is worse than no measure."],
    ),
    "Mobile crisis teams in every county": (
        "Mobile crisis response in every Wisconsin county",
        ["In Trempealeau County the team answers within forty minutes.",
         "Regional teams share staff across county lines at night.",
         "A law enforcement escort should be the exception, not the rule."],
    ),
    "School-based services that work": (
        "Expand school-based mental health services grants",
        ["A therapist in the building means a student misses one class, not a whole day.",
         "The grant pays for the first two years; billing must carry it after that.",
         "Teachers asked for training in what to do in the first five minutes."],
    ),
    "Supervision hours and licensure": (
        "Count supervised clinical hours from all settings toward licensure",
        ["Hours worked in a school or a jail should count toward licensure.",
         "Graduates wait months for a supervisor with an opening.",
         "Other states already accept supervision by video."],
    ),
    "Telehealth after the emergency rules": (
        "Make Wisconsin's telehealth flexibilities permanent",
        ["Audio-only visits matter where broadband does not reach.",
         "No-show rates fell by a third when people could join from home.",
         "The emergency rules end, but the need does not."],
    ),
    "Family voices in crisis planning": (
        "Seed funding for regional crisis stabilization centers",
        ["Families told us about the crisis stabilisation unit in Wausau.",
         "A crisis plan written with the family is used; one written without it is not.",
         "Parents want to know who to call at two in the morning."],
    ),
}  # fmt: skip
UPCOMING = ("Preparing for the 2027 legislative session", 1, "Parity", "Dana Whitfield",
            "NAMI Wisconsin")  # fmt: skip
IDEAS = [("Housing and mental health", 2, "Integrated care"),
         ("Youth peer support", 3, "Peer specialists"),
         ("Crisis stabilisation centres: a tour", 4, "988 and crisis response")]  # fmt: skip


def _third_thursday_noon(today: datetime.date, months: int, zone) -> datetime.datetime:
    year, month = divmod(today.month - 1 + months, 12)
    first = datetime.date(today.year + year, month + 1, 1)
    thursday = first + datetime.timedelta(days=(3 - first.weekday()) % 7 + 14)
    return datetime.datetime.combine(thursday, datetime.time(12, 0), tzinfo=zone)


def seed_learning_sessions(people: dict) -> None:
    from django.conf import settings
    from django.utils import timezone
    from django.utils.text import slugify

    from issues.models import IssuePaper
    from learning_sessions.models import LearningSession, SessionRegistration, Topic

    if LearningSession.objects.exists():
        return
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    topics = {
        name: Topic.objects.get_or_create(slug=slugify(name), name=name)[0] for name in TOPICS
    }
    core = people["core@mhap.test"]
    link = "https://zoom.example.org/j/mhap-learning"

    def make(title, status, topic, presenter=None, organisation="", **fields):
        session = LearningSession.objects.create(
            title=title, slug=slugify(title), status=status, created_by=core,
            meeting_link=link, **fields,
        )  # fmt: skip
        session.topics.add(topics[topic])
        if presenter:
            session.presenters.create(name=presenter, organisation=organisation)
        return session

    papers = {paper.title: paper for paper in IssuePaper.objects.all()}
    for title, offset, topic, presenter, organisation, visibility in SESSIONS:
        starts_at = _third_thursday_noon(today, offset, zone)
        session = make(
            title, "published", topic, presenter, organisation,
            starts_at=starts_at, visibility=visibility,
            published_at=starts_at + datetime.timedelta(days=3),
            description=f"{presenter} of {organisation} on {topic.lower()}: what works in "
            "Wisconsin now, and what the coalition's papers ask for.",
            recording_link=f"https://vimeo.com/{900000000 + offset * -1}",
            summary=f"**Key points.** {presenter} walked through {topic.lower()} in "
            "Wisconsin, the barriers counties and providers report, and the questions "
            "partners raised.",
        )  # fmt: skip
        paper_title, lines = SAID[title]
        _add_captions(session, presenter, lines)
        if paper_title in papers:
            session.related_papers.add(papers[paper_title])
    title, offset, topic, presenter, organisation = UPCOMING
    upcoming = make(
        title,
        "scheduled",
        topic,
        presenter,
        organisation,
        starts_at=_third_thursday_noon(today, offset, zone),
        description="What the ten legislative papers ask for, and how partners can help.",
    )
    for title, offset, topic in IDEAS:
        first = _third_thursday_noon(today, offset, zone).date().replace(day=1)
        make(title, "idea", topic, proposed_month=first)
    # Registrations for the upcoming session: members in one click, guests
    # from partner organisations who confirmed their address.
    now = timezone.now()
    SessionRegistration.objects.bulk_create(
        [SessionRegistration(session=upcoming, person=person, confirmed_at=now)
         for email, person in people.items() if email != "partner@mhap.test"]
        + [SessionRegistration(session=upcoming, guest_name=name, guest_email=email,
                               guest_organisation=organisation, confirmed_at=now)
           for name, email, organisation in GUESTS]
    )  # fmt: skip


GUESTS = [
    ("Ana Ortiz", "ana.ortiz@example.net", "Family Voices of the Fox Valley"),
    ("Ben Kowalski", "ben.kowalski@example.net", "Marathon County Health Department"),
    ("Chloe Nguyen", "chloe.nguyen@example.net", "UW School of Social Work"),
    ("Deshawn Harris", "deshawn.harris@example.net", "Milwaukee Public Schools"),
    ("Erin Thunder", "erin.thunder@example.net", "Ho-Chunk Nation Health"),
]


def _add_captions(session, presenter: str, lines: list[str]) -> None:
    """A short WebVTT transcript, stored as an organiser's upload would be."""
    from django.core.files.base import ContentFile

    from learning_sessions import services, uploads

    spoken = [
        ("Host", f"Welcome, everyone, to this month's learning session with {presenter}."),
        *((presenter, line) for line in lines),
        ("Host", "Thank you for joining. The recording and slides will be in the library."),
    ]
    cues = "\n".join(
        f"{_stamp(n * 95)} --> {_stamp(n * 95 + 8)}\n<v {speaker}>{text}\n"
        for n, (speaker, text) in enumerate(spoken)
    )
    upload = ContentFile(f"WEBVTT\n\n{cues}".encode(), name="captions.vtt")
    services.store_files(
        session, {"captions_file": upload, "transcript": uploads.read_captions(upload)}
    )


def _stamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}.000"
