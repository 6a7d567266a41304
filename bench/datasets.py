"""The benchmark's data, inside one benchmark database (run by bench.worker).

Each size starts as `seed_demo --scale N` builds it (mhap.demo: the demo
coalition, then N generated issues in bulk), and gets on top:

- levers of change and policy areas on the generated issues, which
  `seed_scale_issues` leaves bare, so that "a lever plus a score range"
  filters as many rows at scale as it does in the demo;
- 100 members (the factories' people, in bulk) beside either size, so the
  two differ in issues alone, and feedback on one paper through the
  feedback services: 100 items, and 10,000 beside the 100,000 issues (100
  from members, the rest summit cards typed in by an organiser);
- for the sweep, a third database: the demo and 10,000 members, whom a
  summit's reminder reaches.

Data is built once per size and reused while unchanged: bench.databases
keeps a fingerprint of this file, the seeding code and every migration in
the database, and builds afresh when it differs."""

import datetime
import random

BENCH_EMAIL = "bench-member-{n}@example.org"
BENCH_SUMMIT_SLUG = "bench-summit"
FEEDBACK_TEXTS = [
    ("support", "The recommendations match what our members see every week."),
    ("support_with_changes", "Name who funds the second year; the first is clear."),
    ("concerns", "Rural counties need a different timeline than the one proposed."),
    ("oppose", "This moves money from prevention, which we cannot support."),
]


def tag_generated_issues(*, seed: int) -> int:
    """One or two levers and a policy area on each issue that has none."""
    from issues.models import Issue, Lever, PolicyArea

    generator = random.Random(seed)  # noqa: S311 -- benchmark data, not secrets
    levers = list(Lever.objects.values_list("pk", flat=True))
    areas = list(PolicyArea.objects.values_list("pk", flat=True))
    bare = Issue.objects.filter(levers__isnull=True).values_list("pk", flat=True)
    lever_rows, area_rows = [], []
    for issue_id in bare.iterator(chunk_size=5000):
        lever_rows += [
            Issue.levers.through(issue_id=issue_id, lever_id=lever_id)
            for lever_id in generator.sample(levers, generator.choice([1, 1, 2]))
        ]
        area_rows.append(
            Issue.policy_areas.through(issue_id=issue_id, policyarea_id=generator.choice(areas))
        )
    Issue.levers.through.objects.bulk_create(lever_rows, batch_size=5000)
    Issue.policy_areas.through.objects.bulk_create(area_rows, batch_size=5000)
    return len(area_rows)


def add_members(count: int, *, seed: int) -> list:
    """`count` more people, made by the factories and inserted in bulk."""
    from members.models import Organisation, User
    from tests.factories import UserFactory

    generator = random.Random(seed)  # noqa: S311 -- benchmark data, not secrets
    organisations = list(Organisation.objects.all())
    people = [
        UserFactory.build(
            email=BENCH_EMAIL.format(n=n), organisation=generator.choice(organisations)
        )
        for n in range(count)
    ]
    User.objects.bulk_create(people, batch_size=2000)
    return list(User.objects.filter(email__startswith="bench-member-").order_by("pk"))


def feedback_target():
    """The open round of the demo and the first paper it covers."""
    from django.utils import timezone

    from summits.models import FeedbackRound, RoundPaper

    now = timezone.now()
    feedback_round = (
        FeedbackRound.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by("pk").first()
    )
    if feedback_round is None:
        raise RuntimeError("the demo has no open feedback round")
    round_paper = RoundPaper.objects.filter(round=feedback_round).select_related("revision").first()
    return feedback_round, round_paper.revision


def add_feedback(people: list, count: int, *, seed: int) -> int:
    """`count` feedback items on one paper, through the feedback services:
    each of `people` gives theirs, and the rest are feedback cards from the
    summit that an organiser types in (givers without an account), so the
    report grows without the coalition growing a member per item."""
    from members.models import Organisation, User
    from summits import services

    generator = random.Random(seed)  # noqa: S311 -- benchmark data, not secrets
    feedback_round, revision = feedback_target()
    blank = {"suggested_changes": "", "recommendation_number": None,
             "organisation_position": False}  # fmt: skip
    givers = people[:count]
    for person in givers:
        stance, comments = generator.choice(FEEDBACK_TEXTS)
        services.give_feedback(person=person, feedback_round=feedback_round, revision=revision,
                               stance=stance, comments=comments, **blank)  # fmt: skip
    organiser = User.objects.get(email="core@mhap.test")
    organisations = list(Organisation.objects.all())
    for n in range(count - len(givers)):
        stance, comments = generator.choice(FEEDBACK_TEXTS)
        services.enter_on_behalf(
            actor=organiser,
            feedback_round=feedback_round,
            revision=revision,
            giver_name=f"Summit attendee {n + 1}",
            organisation=generator.choice(organisations),
            stance=stance,
            comments=comments,
            **blank,
        )
    return count


def landmarks() -> dict:
    """Ids and dates the coordinator builds its URLs from."""
    from issues.models import Issue, Lever
    from summits.models import Feedback
    from workgroups.models import Workgroup

    feedback_round, revision = feedback_target()
    newest = Issue.objects.order_by("-proposed_at", "-pk").values_list("proposed_at", flat=True)
    oldest = Issue.objects.order_by("proposed_at", "pk").values_list("proposed_at", flat=True)
    total = Issue.objects.count()
    return {
        "workgroup": Workgroup.objects.get(name="Medicaid & Workforce").pk,
        "lever": Lever.objects.get(slug="payment").pk,
        "round": feedback_round.pk,
        "paper": revision.paper_id,
        "feedback": Feedback.objects.filter(round=feedback_round, revision=revision).count(),
        # Dates whose windows hold about 10 and about 10,000 issues.
        "tenth_oldest": oldest[min(9, total - 1)].date().isoformat(),
        "ten_thousandth_newest": newest[min(9999, total - 1)].date().isoformat(),
    }


def active_members() -> int:
    from members.models import User

    return User.objects.filter(is_active=True).count()


def add_bench_summit(*, now: datetime.datetime):
    """A summit a day away less half a minute: its day-before reminder to
    every member is due now."""
    from tests.factories import SummitFactory

    starts_at = now + datetime.timedelta(days=1) - datetime.timedelta(seconds=30)
    return SummitFactory(
        title="Benchmark summit",
        slug=f"{BENCH_SUMMIT_SLUG}-{int(now.timestamp())}",
        starts_at=starts_at,
    )


def remove_bench_summits() -> int:
    """The benchmark's summits and their deliveries: the data stays as built."""
    from reminders.models import Delivery
    from summits.models import Summit

    summits = Summit.objects.filter(slug__startswith=BENCH_SUMMIT_SLUG)
    keys = [f"summit:{pk}" for pk in summits.values_list("pk", flat=True)]
    Delivery.objects.filter(kind="summit", event_key__in=keys).delete()
    removed, _ = summits.delete()
    return removed
