"""The whole coalition's data as one archive: what it holds (and never holds),
who may have it, how a build shows its progress and its failure, and when the
file goes."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from issues import services as issue_services
from learning_sessions.models import Presenter, SessionRegistration
from mhap import tasks
from mhap.celery import app as celery_app
from mhap.exports import archive, datasets, services
from mhap.models import Export, SiteText
from summits import services as summit_services
from tests.factories import (
    ActionItemFactory,
    JoinRequestFactory,
    LearningSessionFactory,
    LeverFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    MembershipFactory,
    MembershipRequestFactory,
    MinutesRevisionFactory,
    PolicyAreaFactory,
    RegistrationFactory,
    TopicFactory,
    UserFactory,
    WorkgroupUpdateFactory,
    paper_in_state,
)
from tests.querycount import assert_constant_queries
from workgroups.models import RoleChange

pytestmark = pytest.mark.django_db


# Building and reading archives --------------------------------------------------


def export_now(coalition, capture) -> Export:
    """An admin asks; the task runs (Celery is eager in tests) once the request commits."""
    with capture(execute=True):
        export, created = services.request_export(actor=coalition.admin)
    assert created
    export.refresh_from_db()
    return export


def archive_files(export) -> dict[str, bytes]:
    with export.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def csv_rows(files, name) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[f"{name}.csv"].decode("utf-8"))))


def json_rows(files, name) -> list[dict]:
    return json.loads(files[f"{name}.json"])


def only(rows, **match) -> dict:
    found = [row for row in rows if all(row[key] == value for key, value in match.items())]
    assert len(found) == 1, f"{len(found)} rows match {match}"
    return found[0]


@pytest.fixture
def story(coalition):
    """A little of everything the coalition does, each made as people make it."""
    meeting = MeetingFactory(workgroup=coalition.workgroup, title="June meeting")
    MinutesRevisionFactory(meeting=meeting, author=coalition.wg_chair, text="Agreed the outline.")
    ActionItemFactory(
        workgroup=coalition.workgroup,
        meeting=meeting,
        owner=coalition.wg_member,
        description="Call the county",
    )
    issue = coalition.issue()
    issue.levers.add(LeverFactory(name="Payment"))
    issue.policy_areas.add(PolicyAreaFactory(name="Crisis response"))
    issue_services.change_issue(
        actor=coalition.core,
        issue=issue,
        changes={"status": "accepted"},
        reason="Fits the workforce agenda.",
    )
    paper = coalition.paper()  # two revisions: the start, and the full text
    feedback_round = coalition.feedback_round()
    RegistrationFactory(summit=feedback_round.summit, person=coalition.partner, mode="online")
    feedback = summit_services.give_feedback(
        person=coalition.partner,
        feedback_round=feedback_round,
        revision=feedback_round.revisions.get(),
        stance="concerns",
        comments="What will it cost the counties?",
        suggested_changes="Add a fiscal note.",
        recommendation_number=None,
        organisation_position=False,
    )
    summit_services.dispose(
        actor=coalition.core,
        feedback=feedback,
        disposition="partly_accepted",
        reason="A fiscal note is added.",
    )
    coalition.guest_token()  # Ana Ortiz registers as a guest for an upcoming session
    session = SessionRegistration.objects.get(guest_email="ana@example.net").session
    Presenter.objects.create(session=session, name="Dr. Lena Rivera", organisation="UW Health")
    return {"issue": issue, "paper": paper, "feedback": feedback, "meeting": meeting}


# What the archive holds ---------------------------------------------------------


def test_the_archive_holds_every_dataset_as_csv_and_json_with_a_manifest(
    coalition, story, django_capture_on_commit_callbacks
):
    export = export_now(coalition, django_capture_on_commit_callbacks)

    files = archive_files(export)
    manifest = json.loads(files["manifest.json"])
    names = {f"{dataset.name}.{ext}" for dataset in datasets.DATASETS for ext in ("csv", "json")}
    assert set(files) == names | {"manifest.json"}
    assert manifest["requested_by"]["email"] == coalition.admin.email
    assert manifest["coalition"] == settings.COALITION_NAME
    generated = datetime.datetime.fromisoformat(manifest["generated_at"])
    assert abs(timezone.now() - generated) < datetime.timedelta(minutes=1)
    # Every file's count is its real number of rows, in CSV and in JSON.
    for entry in manifest["files"]:
        name, extension = entry["name"].rsplit(".", 1)
        reader = csv_rows if extension == "csv" else json_rows
        assert len(reader(files, name)) == entry["rows"], entry["name"]
    counts = {entry["dataset"]: entry["rows"] for entry in manifest["files"]}
    assert counts["people"] == get_user_model().objects.count() == 6
    assert export.row_counts == counts


def test_people_come_with_their_organisation_sector_and_role(
    coalition, story, django_capture_on_commit_callbacks
):
    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    partner = only(csv_rows(files, "people"), email="partner@example.org")
    assert partner["full_name"] == "Pat Partner"
    assert partner["organisation"] == coalition.partner.organisation.name
    assert partner["sector"] == coalition.partner.organisation.sector.slug
    assert partner["is_admin"] == "false"
    assert only(json_rows(files, "people"), email=coalition.admin.email)["is_admin"] is True
    organisation = only(csv_rows(files, "organisations"), name=partner["organisation"])
    assert organisation["id"] == partner["organisation_id"]
    assert only(csv_rows(files, "sectors"), slug=partner["sector"])


def test_workgroups_and_their_memberships_by_slug_and_email(
    coalition, story, django_capture_on_commit_callbacks
):
    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    chair = only(csv_rows(files, "memberships"), person_email=coalition.wg_chair.email)
    assert chair["workgroup"] == "medicaid-workforce"
    assert chair["role"] == "chair"
    assert chair["ended_on"] == ""
    core_group = only(json_rows(files, "workgroups"), slug="core-group")
    assert core_group["is_core_group"] is True


def test_meetings_come_with_their_minutes_and_action_items(
    coalition, story, django_capture_on_commit_callbacks
):
    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    meeting = only(csv_rows(files, "meetings"), title="June meeting")
    assert meeting["uid"] == str(story["meeting"].uid)
    minutes = only(csv_rows(files, "minutes"), meeting_id=meeting["id"])
    assert minutes["text"] == "Agreed the outline."
    assert minutes["author_email"] == coalition.wg_chair.email
    item = only(csv_rows(files, "action_items"), description="Call the county")
    assert item["meeting_id"] == meeting["id"]
    assert item["owner_email"] == coalition.wg_member.email
    assert item["done_at"] == ""


def test_issues_come_with_their_tags_and_status_history(
    coalition, story, django_capture_on_commit_callbacks
):
    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    issue = only(json_rows(files, "issues"), id=story["issue"].pk)
    assert issue["status"] == "accepted"
    assert issue["levers"] == ["payment"]
    assert issue["policy_areas"] == ["crisis-response"]
    assert issue["workgroup"] == "medicaid-workforce"
    assert only(csv_rows(files, "issues"), id=str(story["issue"].pk))["levers"] == "payment"
    change = only(csv_rows(files, "issue_changes"), issue_id=str(story["issue"].pk))
    assert (change["field"], change["old_value"], change["new_value"]) == (
        "status",
        "Proposed",
        "Accepted",
    )
    assert change["reason"] == "Fits the workforce agenda."
    assert change["actor_email"] == coalition.core.email


def test_a_paper_comes_with_every_revision_and_its_recommendations(
    coalition, story, django_capture_on_commit_callbacks
):
    paper = story["paper"]
    issue_services.add_paper_comment(actor=coalition.wg_member, paper=paper, body="Cite the law.")

    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    revisions = [row for row in json_rows(files, "paper_revisions") if row["paper_id"] == paper.pk]
    assert [(row["number"], row["note"]) for row in revisions] == [(1, "Paper started"), (2, "")]
    assert revisions[0]["summary"] == ""
    assert revisions[1]["summary"] == "Fund the crisis line from a dedicated fee."
    assert revisions[1]["author_email"] == coalition.wg_chair.email
    recommendations = [
        row for row in csv_rows(files, "recommendations") if row["paper_id"] == str(paper.pk)
    ]
    numbered = [(r["revision_number"], r["number"], r["legislative"]) for r in recommendations]
    assert numbered == [("2", "1", "true"), ("2", "2", "false")]
    assert recommendations[0]["implementers"] == "legislature"
    assert recommendations[0]["levers"] == "payment"
    row = only(json_rows(files, "papers"), id=paper.pk)
    assert (row["state"], row["current_revision"], row["legislative"]) == ("draft", 2, True)
    comment = only(csv_rows(files, "paper_comments"), paper_id=str(paper.pk))
    assert (comment["body"], comment["revision_number"]) == ("Cite the law.", "2")


def test_feedback_comes_with_its_round_summit_and_disposition(
    coalition, story, django_capture_on_commit_callbacks
):
    feedback = story["feedback"]

    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    row = only(csv_rows(files, "feedback"), id=str(feedback.pk))
    assert row["person_email"] == "partner@example.org"
    assert row["giver"] == "Pat Partner"
    assert row["stance"] == "concerns"
    assert row["comments"] == "What will it cost the counties?"
    assert row["disposition"] == "partly_accepted"
    assert row["disposition_reason"] == "A fiscal note is added."
    assert row["disposed_by_email"] == coalition.core.email
    assert row["summit"] == feedback.round.summit.slug
    assert row["paper_id"] == str(feedback.revision.paper_id)
    round_row = only(csv_rows(files, "feedback_rounds"), id=row["round_id"])
    assert round_row["title"] == "Before the summit"
    assert (
        only(csv_rows(files, "round_papers"), round_id=row["round_id"])["revision_id"]
        == (row["revision_id"])
    )
    registration = only(csv_rows(files, "summit_registrations"), person_email=row["person_email"])
    assert registration["mode"] == "online"


def test_learning_sessions_come_with_presenters_and_guest_registrations(
    coalition, story, django_capture_on_commit_callbacks
):
    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    guest = only(json_rows(files, "session_registrations"), email="ana@example.net")
    assert guest["is_guest"] is True
    assert guest["name"] == "Ana Ortiz"
    assert guest["person_id"] is None
    assert guest["confirmed_at"] is None
    session = only(csv_rows(files, "learning_sessions"), id=str(guest["session_id"]))
    assert session["status"] == "scheduled"
    presenter = only(csv_rows(files, "presenters"), session=session["slug"])
    assert (presenter["name"], presenter["organisation"]) == ("Dr. Lena Rivera", "UW Health")


def test_no_password_hash_secret_or_token_is_anywhere_in_the_archive(
    coalition, story, client, django_capture_on_commit_callbacks
):
    coalition.calendar_token()  # the member's private calendar link
    Authenticator.objects.create(
        user=coalition.admin, type="totp", data={"secret": "JBSWY3DPEHPK3PXPTOTPSECRET"}
    )
    client.force_login(coalition.partner)  # a session row
    guest = SessionRegistration.objects.get(guest_email="ana@example.net")
    secrets = [
        *get_user_model().objects.values_list("password", flat=True),
        *get_user_model()
        .objects.exclude(calendar_token=None)
        .values_list("calendar_token", flat=True),
        guest.token_hash,
        "JBSWY3DPEHPK3PXPTOTPSECRET",
        client.session.session_key,
    ]
    assert all(secrets) and len(secrets) == 6 + 1 + 3

    export = export_now(coalition, django_capture_on_commit_callbacks)

    with export.file.open("rb") as handle:
        raw = handle.read()
    contents = [raw, *archive_files(export).values()]
    for secret in secrets:
        assert not any(secret.encode() in blob for blob in contents), secret
    headers = [
        entry["columns"] for entry in json.loads(archive_files(export)["manifest.json"])["files"]
    ]
    assert not any("password" in column or "token" in column for row in headers for column in row)


def test_a_csv_cell_never_runs_as_a_formula_while_the_json_keeps_the_text(
    coalition, django_capture_on_commit_callbacks
):
    issue = coalition.issue()
    issue.title = '=HYPERLINK("https://evil.example","Click")'
    issue.save(update_fields=["title"])

    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    assert only(csv_rows(files, "issues"), id=str(issue.pk))["title"] == "'" + issue.title
    assert only(json_rows(files, "issues"), id=issue.pk)["title"] == issue.title


# The pages and the build -------------------------------------------------------


def test_an_admin_exports_everything_and_downloads_the_archive(
    coalition, client_as, django_capture_on_commit_callbacks, settings
):
    settings.EXPORT_TTL_HOURS = 2
    client = client_as(coalition.admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:start"))

    export = Export.objects.get()
    assert response["Location"] == reverse("exports:detail", kwargs={"pk": export.pk})
    assert export.status == Export.Status.READY
    assert export.steps_done == export.steps_total == len(datasets.DATASETS) + 1
    assert export.expires_at - export.finished_at == datetime.timedelta(hours=2)
    page = client.get(response["Location"]).content.decode()
    assert "Download the archive" in page
    assert "hx-trigger" not in page  # nothing left to poll
    download = client.get(reverse("exports:download", kwargs={"pk": export.pk}))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"].startswith('attachment; filename="mhap-export-')
    assert "no-store" in download["Cache-Control"]
    body = b"".join(download.streaming_content)
    assert (
        json.loads(zipfile.ZipFile(io.BytesIO(body)).read("manifest.json"))["requested_by"]["email"]
        == coalition.admin.email
    )


def test_asking_again_while_one_is_being_built_shows_that_one(coalition, client_as):
    client = client_as(coalition.admin)

    first = client.post(reverse("exports:start"))  # the task waits for the commit
    second = client.post(reverse("exports:start"))

    assert Export.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_progress_fragment_shows_the_steps_and_keeps_polling(coalition, client_as):
    export = Export.objects.create(
        requested_by=coalition.admin,
        status=Export.Status.RUNNING,
        steps_done=12,
        steps_total=35,
        step_label="issue changes",
    )

    response = client_as(coalition.admin).get(
        reverse("exports:detail", kwargs={"pk": export.pk}), headers={"HX-Request": "true"}
    )

    fragment = response.content.decode()
    assert "<h1" not in fragment  # the fragment alone, for htmx to swap in
    assert 'id="export-progress"' in fragment
    assert 'hx-trigger="every 2s"' in fragment
    assert '<progress max="35" value="12"' in fragment
    assert "Writing issue changes: 12 of 35 steps done." in fragment
    assert "34%" in fragment


def test_the_status_page_puts_the_polled_region_in_a_live_region(coalition, client_as):
    export = Export.objects.create(requested_by=coalition.admin, steps_total=35)

    page = client_as(coalition.admin).get(reverse("exports:detail", kwargs={"pk": export.pk}))

    content = page.content.decode()
    live = content.index('aria-live="polite"')
    assert live < content.index('id="export-progress"') < content.index("<progress")
    assert "Waiting for the background worker to start" in content


def test_progress_is_reported_before_every_dataset(coalition):
    reported = []

    archive.write_archive(
        io.BytesIO(), requested_by=coalition.admin, on_progress=lambda *step: reported.append(step)
    )

    assert reported == [(done, d.label) for done, d in enumerate(datasets.DATASETS)]
    assert reported[2] == (2, "people")


@pytest.mark.parametrize("role", ["partner", "wg_chair", "core"])
def test_only_admins_start_an_export(coalition, client_as, role):
    response = client_as(coalition.user(role)).post(reverse("exports:start"))

    assert response.status_code == 403
    assert not Export.objects.exists()


def test_starting_an_export_refuses_get(coalition, client_as):
    response = client_as(coalition.admin).get(reverse("exports:start"))

    assert response.status_code == 405
    assert not Export.objects.exists()


def test_the_public_is_sent_to_sign_in_and_gets_no_file(coalition, client):
    export = coalition.ready_export()

    response = client.get(reverse("exports:download", kwargs={"pk": export.pk}))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unfinished_export_has_nothing_to_download(coalition, client_as):
    export = Export.objects.create(requested_by=coalition.admin, status=Export.Status.RUNNING)

    response = client_as(coalition.admin).get(reverse("exports:download", kwargs={"pk": export.pk}))

    assert response.status_code == 404


def test_an_expired_download_is_gone_and_the_sweep_deletes_its_file(coalition, client_as):
    expired = coalition.ready_export()
    expired.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save(update_fields=["expires_at"])
    fresh = coalition.ready_export()
    storage = expired.file.storage
    client = client_as(coalition.admin)

    response = client.get(reverse("exports:download", kwargs={"pk": expired.pk}))

    assert response.status_code == 410
    assert "This download has expired" in response.content.decode()
    assert storage.exists(expired.file.name)  # deleting is the sweep's work

    tasks.sweep_exports.delay()

    expired_name, fresh_name = expired.file.name, fresh.file.name
    expired.refresh_from_db()
    fresh.refresh_from_db()
    assert not storage.exists(expired_name)
    assert expired.file.name == ""
    assert storage.exists(fresh_name) and fresh.file.name == fresh_name
    assert client.get(reverse("exports:download", kwargs={"pk": expired.pk})).status_code == 410
    assert client.get(reverse("exports:download", kwargs={"pk": fresh.pk})).status_code == 200
    listing = client.get(reverse("exports:list")).content.decode()
    assert "Expired" in listing


def test_the_sweep_runs_on_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-exports"]
    celery_app.loader.import_default_modules()

    assert entry["task"] in celery_app.tasks
    assert entry["task"] == tasks.sweep_exports.name


# When a build goes wrong ------------------------------------------------------


def test_a_failing_dataset_marks_the_export_failed_with_the_error(
    coalition, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    def broken():
        yield {"id": 1}
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(
        archive, "DATASETS", [*datasets.DATASETS[:3], datasets.Dataset("broken", ("id",), broken)]
    )

    export = export_now(coalition, django_capture_on_commit_callbacks)

    assert export.status == Export.Status.FAILED
    assert export.error == "RuntimeError: the disk is full"
    assert export.finished_at is not None
    assert not export.file
    assert export.steps_done == 3  # it got as far as the broken dataset
    page = client_as(coalition.admin).get(reverse("exports:detail", kwargs={"pk": export.pk}))
    content = page.content.decode()
    assert "The export failed: RuntimeError: the disk is full" in content
    assert "hx-trigger" not in content
    storage = Export._meta.get_field("file").storage
    assert not storage.exists("exports") or storage.listdir("exports") == ([], [])


def test_a_queue_that_cannot_be_reached_fails_the_export_at_once(
    coalition, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(tasks.build_export, "delay", refuse)

    export = export_now(coalition, django_capture_on_commit_callbacks)

    assert export.status == Export.Status.FAILED
    assert "could not be reached" in export.error


def test_a_build_that_stopped_moving_is_marked_failed_by_the_sweep(coalition):
    now = timezone.now()
    stalled = Export.objects.create(
        requested_by=coalition.admin,
        status=Export.Status.RUNNING,
        updated_at=now - datetime.timedelta(hours=1),
    )
    moving = Export.objects.create(
        requested_by=coalition.admin, status=Export.Status.RUNNING, updated_at=now
    )

    services.sweep_exports(now=now)

    stalled.refresh_from_db()
    moving.refresh_from_db()
    assert stalled.status == Export.Status.FAILED
    assert "stopped before it was done" in stalled.error
    assert moving.status == Export.Status.RUNNING


def test_a_build_whose_worker_died_is_built_again_when_its_message_comes_back(coalition):
    export = Export.objects.create(
        requested_by=coalition.admin, status=Export.Status.RUNNING, run=1, steps_done=9
    )

    tasks.build_export.delay(export.pk)

    export.refresh_from_db()
    assert (export.status, export.run) == (Export.Status.READY, 2)
    assert export.file


def test_a_finished_export_is_not_built_again(coalition):
    export = coalition.ready_export()
    name = export.file.name

    assert services.run_export(export_id=export.pk) is None

    export.refresh_from_db()
    assert (export.status, export.file.name, export.run) == (Export.Status.READY, name, 0)


def test_a_superseded_build_stops_and_leaves_no_file(coalition, monkeypatch):
    export = Export.objects.create(requested_by=coalition.admin)
    real_write = archive.write_archive

    def taken_over_midway(target, *, requested_by, on_progress):
        def progress(done, label):
            if done == 5:  # another worker claims the export here
                Export.objects.filter(pk=export.pk).update(run=99)
            on_progress(done, label)

        return real_write(target, requested_by=requested_by, on_progress=progress)

    monkeypatch.setattr(archive, "write_archive", taken_over_midway)

    assert services.run_export(export_id=export.pk) is None

    export.refresh_from_db()
    assert (export.status, export.run, export.file.name) == (Export.Status.RUNNING, 99, "")
    storage = Export._meta.get_field("file").storage
    assert not storage.exists("exports") or storage.listdir("exports") == ([], [])


# Queries ---------------------------------------------------------------------------


def add_coalition_rows(coalition, count: int) -> None:
    """`count` more of every kind of row the archive holds, with their links."""
    feedback_round = coalition.feedback_round()
    revision = feedback_round.revisions.get()
    topic = TopicFactory()
    SiteText.objects.get_or_create(key="about", defaults={"body": "Who we are."})
    for n in range(count):
        person = UserFactory()
        MembershipFactory(workgroup=coalition.workgroup, person=person)
        MembershipRequestFactory(workgroup=coalition.other_workgroup, person=person)
        JoinRequestFactory(decided_by=coalition.admin)
        RoleChange.objects.create(
            person=person, actor=coalition.admin, kind="joined", workgroup=coalition.workgroup
        )
        MeetingSeriesFactory(workgroup=coalition.workgroup, created_by=coalition.wg_chair)
        WorkgroupUpdateFactory(workgroup=coalition.workgroup, author=coalition.wg_chair)
        meeting = MeetingFactory(workgroup=coalition.workgroup)
        MinutesRevisionFactory(meeting=meeting, author=person)
        meeting.attendance.create(person=person)
        ActionItemFactory(workgroup=coalition.workgroup, meeting=meeting, owner=person)
        issue = coalition.issue()
        issue.levers.add(LeverFactory())
        issue.policy_areas.add(PolicyAreaFactory())
        issue_services.change_issue(actor=coalition.core, issue=issue, changes={"term": "long"})
        issue_services.add_comment(actor=coalition.core, issue=issue, body=f"Comment {n}")
        paper = paper_in_state(
            workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core
        )
        issue_services.add_paper_comment(actor=coalition.wg_member, paper=paper, body="Cite it.")
        issue_services.add_co_author(
            actor=coalition.wg_chair, paper=paper, person=coalition.wg_member
        )
        RegistrationFactory(summit=feedback_round.summit, person=person)
        feedback = summit_services.give_feedback(
            person=person, feedback_round=feedback_round, revision=revision, stance="support",
            comments="", suggested_changes="", recommendation_number=1,
            organisation_position=False,
        )  # fmt: skip
        summit_services.dispose(
            actor=coalition.core, feedback=feedback, disposition="accepted", reason=""
        )
        session = LearningSessionFactory(created_by=coalition.core)
        session.topics.add(topic)
        session.related_issues.add(issue)
        session.related_papers.add(paper)
        Presenter.objects.create(session=session, name=f"Presenter {n}")
        session.registrations.create(person=person)
        session.registrations.create(guest_name=f"Guest {n}", guest_email=f"guest{n}@example.net")


def test_the_builders_queries_do_not_grow_with_the_rows(coalition):
    def count_build() -> int:
        with CaptureQueriesContext(connection) as context:
            manifest = archive.write_archive(io.BytesIO(), requested_by=coalition.admin)
        # Every dataset has rows, so a query per row anywhere would show.
        assert all(entry["rows"] for entry in manifest["files"])
        return len(context.captured_queries)

    add_coalition_rows(coalition, 2)
    few = count_build()
    add_coalition_rows(coalition, 8)
    many = count_build()

    assert many == few
    assert few <= 2 * len(datasets.DATASETS)  # one query each, a few more for the lists


def test_the_exports_page_queries_do_not_grow_with_the_exports(coalition, client_as):
    def add_exports(count):
        for _ in range(count):
            requested_by = UserFactory(is_staff=True)
            Export.objects.create(requested_by=requested_by, status=Export.Status.RUNNING)
            coalition.ready_export(requested_by=requested_by)

    assert_constant_queries(client_as(coalition.admin), reverse("exports:list"), add_exports)


def test_admins_find_the_exports_page_in_their_menu(coalition, client_as):
    page = client_as(coalition.admin).get(reverse("members:people")).content.decode()

    assert f'href="{reverse("exports:list")}"' in page
    assert ">Data export</a>" in page
