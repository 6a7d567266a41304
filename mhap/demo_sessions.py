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

    from learning_sessions.models import LearningSession, Topic

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

    for title, offset, topic, presenter, organisation, visibility in SESSIONS:
        make(
            title, "published", topic, presenter, organisation,
            starts_at=_third_thursday_noon(today, offset, zone), visibility=visibility,
            description=f"{presenter} of {organisation} on {topic.lower()}: what works in "
            "Wisconsin now, and what the coalition's papers ask for.",
            recording_link=f"https://vimeo.com/{900000000 + offset * -1}",
            summary=f"**Key points.** {presenter} walked through {topic.lower()} in "
            "Wisconsin, the barriers counties and providers report, and the questions "
            "partners raised.",
        )  # fmt: skip
    title, offset, topic, presenter, organisation = UPCOMING
    make(
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
