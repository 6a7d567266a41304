"""Notifications of what happened, each person's choices, the daily digest,
unsubscribe links, and the admins' pages."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issues import services as issue_services
from reminders import engine, messages, services
from reminders.models import Delivery, GuestOptOut, LeadTimes, Preference
from summits import services as summit_services
from tests.factories import MeetingFactory, MembershipFactory
from tests.querycount import assert_constant_queries
from workgroups import services as workgroup_services

pytestmark = pytest.mark.django_db


def sent_now() -> list:
    before = len(mail.outbox)
    engine.sweep()
    return mail.outbox[before:]


def test_a_comment_on_my_paper_notifies_its_authors_at_once(coalition):
    paper = coalition.paper()
    mail.outbox.clear()
    Delivery.objects.all().delete()

    issue_services.add_paper_comment(actor=coalition.core, paper=paper, body="Cite the 2023 data.")

    (message,) = sent_now()
    assert message.to == [coalition.wg_chair.email]  # the chair is its author; not the commenter
    assert f"{coalition.core.full_name} commented on" in message.subject
    assert "Cite the 2023 data." in message.body
    assert "List-Unsubscribe" in message.extra_headers


def test_being_added_as_co_author_or_to_a_workgroup_is_notified(coalition):
    paper = coalition.paper()
    Delivery.objects.all().delete()

    issue_services.add_co_author(actor=coalition.wg_chair, paper=paper, person=coalition.wg_member)
    workgroup_services.add_membership(
        workgroup=coalition.other_workgroup, person=coalition.partner, actor=coalition.admin
    )

    subjects = {m.to[0]: m.subject for m in sent_now()}
    assert subjects[coalition.wg_member.email].startswith("You are a co-author of")
    assert subjects[coalition.partner.email] == "You are in the Criminal Justice workgroup"


def test_a_disposition_on_my_feedback_is_notified(coalition):
    from summits.models import Feedback

    feedback_round = coalition.feedback_round()
    feedback = Feedback.objects.create(
        round=feedback_round, revision=feedback_round.revisions.get(),
        person=coalition.partner, stance="support",
    )  # fmt: skip
    Delivery.objects.all().delete()

    summit_services.dispose(
        actor=coalition.wg_chair, feedback=feedback, disposition="accepted", reason="Good point."
    )

    (message,) = sent_now()
    assert message.to == [coalition.partner.email]
    assert "Accepted" in message.subject
    assert "Good point." in message.body


def test_a_round_opening_later_is_notified_when_it_opens(coalition):
    feedback_round = coalition.feedback_round(open_now=False)
    opens = feedback_round.opens_at

    def opened_to(at):
        before = len(mail.outbox)
        engine.sweep(now=at)
        return sorted(m.to[0] for m in mail.outbox[before:]
                      if m.extra_headers["X-MHAP-Kind"] == "round_opened")  # fmt: skip

    assert opened_to(opens - datetime.timedelta(minutes=1)) == []
    opened = opened_to(opens + datetime.timedelta(minutes=1))
    assert coalition.partner.email in opened
    assert len(opened) == len(set(opened)) == 6  # every active member, once


def test_a_notification_is_sent_once_however_often_it_is_asked_for(coalition):
    for _ in range(2):
        services.notify(kind="paper_comment", people=[coalition.partner], key="comment:1",
                        subject="S", body="B", path="/")  # fmt: skip

    assert len(sent_now()) == 1


def test_the_digest_gathers_a_days_notifications_into_one_email_at_seven(coalition):
    Preference.objects.create(person=coalition.partner, kind="paper_comment", choice="digest")
    Preference.objects.create(person=coalition.partner, kind="co_author_added", choice="digest")
    for n in range(2):
        services.notify(kind="paper_comment", people=[coalition.partner], key=f"comment:{n}",
                        subject=f"Comment {n}", body="Text", path="/papers/")  # fmt: skip
    services.notify(kind="co_author_added", people=[coalition.partner], key="co:1",
                    subject="Co-author", body="Text", path="/papers/")  # fmt: skip
    seven = services.next_digest(timezone.now(), coalition.partner.time_zone)

    before = len(mail.outbox)
    engine.sweep(now=seven - datetime.timedelta(minutes=1))
    assert len(mail.outbox) == before
    engine.sweep(now=seven + datetime.timedelta(minutes=1))

    (digest,) = mail.outbox[before:]
    assert digest.to == [coalition.partner.email]
    assert "3 updates" in digest.subject
    assert all(f"Comment {n}" in digest.body for n in range(2))
    assert "Co-author" in digest.body
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_never_means_never(coalition):
    Preference.objects.create(person=coalition.partner, kind="paper_comment", choice="never")

    services.notify(kind="paper_comment", people=[coalition.partner], key="comment:1",
                    subject="S", body="B", path="/")  # fmt: skip

    assert not Delivery.objects.exists()


def _unsubscribe_path(message) -> str:
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    return re.sub(r"^https?://[^/]+", "", url)


def test_one_click_unsubscribe_turns_that_kind_off_without_signing_in(coalition):
    MeetingFactory(workgroup=coalition.workgroup,
                   starts_at=timezone.now() + datetime.timedelta(minutes=61))  # fmt: skip
    engine.sweep(now=timezone.now() + datetime.timedelta(minutes=2))
    message = next(m for m in mail.outbox if m.to == [coalition.wg_member.email])
    mail_program = Client(enforce_csrf_checks=True)  # RFC 8058: a bare POST

    response = mail_program.post(_unsubscribe_path(message), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert Preference.objects.get(person=coalition.wg_member, kind="meeting").choice == "off"


def test_the_unsubscribe_page_asks_first_and_a_forged_link_is_refused(client, coalition):
    token = messages.unsubscribe_token(f"person:{coalition.partner.pk}", "summit")

    page = client.get(reverse("reminders:unsubscribe", kwargs={"token": token}))
    forged = client.post(reverse("reminders:unsubscribe", kwargs={"token": token[:-2] + "xx"}))

    assert "Stop these emails?" in page.content.decode()
    assert not Preference.objects.exists()  # a GET changes nothing
    assert forged.status_code == 404
    assert not Preference.objects.exists()


def test_a_guest_unsubscribes_from_session_reminders(client):
    token = messages.unsubscribe_token("guest:ana@example.net", "learning_session")

    client.post(reverse("reminders:unsubscribe", kwargs={"token": token}))

    assert GuestOptOut.objects.filter(email="ana@example.net", kind="learning_session").exists()


def test_the_digest_link_turns_the_digest_off(coalition, client):
    Preference.objects.create(person=coalition.partner, kind="paper_comment", choice="digest")
    token = messages.unsubscribe_token(f"person:{coalition.partner.pk}", messages.DIGEST)

    client.post(reverse("reminders:unsubscribe", kwargs={"token": token}))

    assert Preference.objects.get(person=coalition.partner).choice == "never"


def test_people_choose_per_kind_on_their_preferences_page(coalition, client_as):
    client = client_as(coalition.partner)
    page = client.get(reverse("reminders:preferences"))
    assert "Workgroup and Core Group meetings" in page.content.decode()
    data = {name: field.initial for name, field in page.context["form"].fields.items()}

    client.post(reverse("reminders:preferences"), {**data, "summit": "off",
                                                    "paper_comment": "digest"})  # fmt: skip
    bad = client.post(reverse("reminders:preferences"), {**data, "summit": "sometimes"})

    chosen = dict(Preference.objects.filter(person=coalition.partner).values_list("kind", "choice"))
    assert chosen["summit"] == "off"
    assert chosen["paper_comment"] == "digest"
    assert bad.status_code == 400


def test_admins_set_lead_times_in_words_and_mistakes_are_explained(coalition, client_as):
    client = client_as(coalition.admin)
    page = client.get(reverse("reminders:lead_times"))
    data = {name: field.initial for name, field in page.context["form"].fields.items()}
    assert data["summit"] == "1 week, 1 day"

    wrong = client.post(reverse("reminders:lead_times"), {**data, "meeting": "soonish"})
    right = client.post(reverse("reminders:lead_times"), {**data, "meeting": "2 days, 90 minutes"})

    assert wrong.status_code == 400
    assert "“soonish” is not a lead time" in wrong.content.decode()
    assert 'value="soonish"' in wrong.content.decode()
    assert right.status_code == 302
    assert LeadTimes.objects.get(kind="meeting").minutes == [2880, 90]
    assert not LeadTimes.objects.filter(kind="summit").exists()  # unchanged: still the default


def test_admins_see_deliveries_with_failures_and_send_one_again(coalition, client_as):
    failed = Delivery.objects.create(
        kind="summit", event_key="summit:1", recipient_key="person:1", email="x@example.org",
        event_starts_at=timezone.now(), due_at=timezone.now(), send_after=timezone.now(),
        status="failed", attempts=6, last_error="SMTPServerDisconnected: gone",
    )  # fmt: skip
    client = client_as(coalition.admin)

    page = client.get(reverse("reminders:deliveries"), {"status": "failed"})
    client.post(reverse("reminders:retry", kwargs={"pk": failed.pk}))

    assert "SMTPServerDisconnected: gone" in page.content.decode()
    assert "1 failed" in page.content.decode()
    failed.refresh_from_db()
    assert failed.status in {"pending", "sent"}


def test_the_deliveries_page_queries_do_not_grow(coalition, client_as):
    client = client_as(coalition.admin)

    def add(n):
        for _ in range(n):
            person = MembershipFactory(workgroup=coalition.workgroup).person
            services.notify(kind="paper_comment", people=[person], key=f"c:{person.pk}",
                            subject="S", body="B", path="/")  # fmt: skip

    assert_constant_queries(client, reverse("reminders:deliveries"), add)


def test_a_moved_or_cancelled_meeting_is_told_to_its_workgroup(coalition):
    from workgroups.services import meetings as meeting_services

    start = timezone.now() + datetime.timedelta(days=3)
    meeting = MeetingFactory(workgroup=coalition.workgroup, starts_at=start,
                             ends_at=start + datetime.timedelta(hours=1))  # fmt: skip
    Delivery.objects.all().delete()

    meeting_services.edit_meeting(meeting=meeting, actor=coalition.wg_chair,
                                  starts_at=start + datetime.timedelta(days=1),
                                  duration_minutes=60)  # fmt: skip
    moved = sent_now()
    meeting_services.cancel_meeting(meeting=meeting, actor=coalition.wg_chair)
    cancelled = sent_now()

    assert [m.to for m in moved] == [[coalition.wg_member.email]]  # not the chair who moved it
    assert moved[0].subject.startswith("Moved: Medicaid & Workforce, Monthly meeting, now")
    assert [m.to for m in cancelled] == [[coalition.wg_member.email]]
    assert cancelled[0].subject.startswith("Cancelled:")


def test_a_queued_digest_follows_the_persons_latest_choice(coalition, client):
    Preference.objects.create(person=coalition.partner, kind="paper_comment", choice="digest")
    services.notify(kind="paper_comment", people=[coalition.partner], key="comment:1",
                    subject="S", body="B", path="/")  # fmt: skip
    token = messages.unsubscribe_token(f"person:{coalition.partner.pk}", messages.DIGEST)
    client.post(reverse("reminders:unsubscribe", kwargs={"token": token}))
    seven = services.next_digest(timezone.now(), coalition.partner.time_zone)

    before = len(mail.outbox)
    engine.sweep(now=seven + datetime.timedelta(minutes=1))

    assert mail.outbox[before:] == []
    assert Delivery.objects.get().status == "skipped"


def test_nothing_is_sent_to_a_closed_account(coalition):
    services.notify(kind="paper_comment", people=[coalition.partner], key="comment:1",
                    subject="S", body="B", path="/")  # fmt: skip
    coalition.partner.is_active = False
    coalition.partner.save()

    assert sent_now() == []
    assert Delivery.objects.get().status == "skipped"


def test_an_unsubscribe_link_of_a_deleted_account_is_harmless(coalition, client):
    token = messages.unsubscribe_token("person:987654", "summit")

    response = client.post(reverse("reminders:unsubscribe", kwargs={"token": token}))

    assert response.status_code == 200
    assert not Preference.objects.exists()


def test_a_subject_typed_with_a_line_break_is_sent_on_one_line(coalition):
    services.notify(kind="paper_comment", people=[coalition.partner], key="comment:1",
                    subject="Two\nlines", body="B", path="/")  # fmt: skip

    (message,) = sent_now()

    assert message.subject == "Two lines"


def test_admins_send_every_failed_email_again(coalition, client_as):
    for n in range(3):
        Delivery.objects.create(
            kind="email", event_key=f"m:{n}", recipient_key=f"m:{n}", email="x@example.org",
            event_starts_at=timezone.now(), due_at=timezone.now(), send_after=timezone.now(),
            status="failed", attempts=6, payload={},
        )  # fmt: skip

    response = client_as(coalition.admin).post(reverse("reminders:retry_failed"))

    assert response.status_code == 302
    assert not Delivery.objects.filter(status="failed", attempts=6).exists()
