"""The whole coalition's data as one archive: what it holds (and never holds),
who may have it, how a build shows its progress and its failure, and when the
file goes."""

import csv
import datetime
import io
import json
import os
import re
import zipfile

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from issues import services as issue_services
from issues.models import AdvocacyChange, OrganisationDistrict, PaperSupport, Recommendation
from learning_sessions.models import Presenter, SessionRegistration
from mhap import tasks
from mhap.celery import app as celery_app
from mhap.exports import archive, datasets, services
from mhap.models import Export, SiteText
from reminders.models import GuestOptOut, Preference
from summits import services as summit_services
from tests.factories import (
    ActionItemFactory,
    BillFactory,
    ContactFactory,
    FollowUpFactory,
    InvitationFactory,
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
from tests.project import project_apps
from tests.querycount import assert_constant_queries
from workgroups.models import RoleChange
from workgroups.services import meetings as workgroup_services

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
    workgroup_services.link_page(
        meeting=meeting, actor=coalition.wg_chair, title="The crisis line paper",
        path=f"/papers/{paper.pk}/",
    )  # fmt: skip
    invitation = InvitationFactory(
        email="new@example.org", invited_by=coalition.admin, workgroup_role="member"
    )
    invitation.workgroups.add(coalition.workgroup)
    JoinRequestFactory(email="new@example.org", decided_by=coalition.admin, invitation=invitation)
    Preference.objects.create(person=coalition.partner, kind="summit", choice="off")
    GuestOptOut.objects.create(email="ana@example.net", kind="learning_session")
    return {
        "issue": issue,
        "paper": paper,
        "feedback": feedback,
        "meeting": meeting,
        "invitation": invitation,
    }


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


def test_meetings_come_with_the_hub_pages_they_discussed(
    coalition, story, django_capture_on_commit_callbacks
):
    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    link = only(csv_rows(files, "meeting_links"), meeting_id=str(story["meeting"].pk))
    assert (link["title"], link["path"]) == (
        "The crisis line paper",
        f"/papers/{story['paper'].pk}/",
    )
    assert link["workgroup"] == "medicaid-workforce"
    assert link["added_by_email"] == coalition.wg_chair.email


def test_invitations_say_who_invited_whom_where_to_and_the_join_request_behind(
    coalition, story, django_capture_on_commit_callbacks
):
    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    invitation = only(json_rows(files, "invitations"), email="new@example.org")
    assert invitation["id"] == story["invitation"].pk
    assert invitation["invited_by_email"] == coalition.admin.email
    assert invitation["workgroups"] == ["medicaid-workforce"]
    assert (invitation["status"], invitation["workgroup_role"]) == ("pending", "member")
    assert invitation["sent_at"] and invitation["expires_at"]
    assert invitation["accepted_by_email"] is None
    request = only(json_rows(files, "join_requests"), email="new@example.org")
    assert request["invitation_id"] == invitation["id"]


def test_peoples_email_choices_and_guests_unsubscribes_travel_with_the_data(
    coalition, story, django_capture_on_commit_callbacks
):
    files = archive_files(export_now(coalition, django_capture_on_commit_callbacks))

    preference = only(csv_rows(files, "reminder_preferences"), person_email=coalition.partner.email)
    assert (preference["kind"], preference["choice"]) == ("summit", "off")
    assert preference["person_id"] == str(coalition.partner.pk)
    opt_out = only(csv_rows(files, "guest_opt_outs"), email="ana@example.net")
    assert opt_out["kind"] == "learning_session"
    notes = " ".join(json.loads(files["manifest.json"])["notes"])
    assert "guest_opt_outs" in notes


def test_every_model_of_the_hub_is_exported_or_left_out_for_a_stated_reason():
    models = {
        model._meta.label
        for app in project_apps()
        for model in app.get_models(include_auto_created=True)
        if not model._meta.proxy
    }
    assert all(dataset.model is not None for dataset in datasets.DATASETS)
    exported = set().union(*(dataset.tables for dataset in datasets.DATASETS))
    excluded = set(datasets.EXCLUDED)

    assert models - exported - excluded == set(), "export these, or say in EXCLUDED why not"
    assert exported & excluded == set(), "exported and excluded at once"
    assert (exported | excluded) - models == set(), "no such model"
    assert all(reason.strip() for reason in datasets.EXCLUDED.values())
    # The models the review named are exported, with the many-to-many tables they carry.
    assert {
        "workgroups.MeetingLink",
        "reminders.Preference",
        "reminders.GuestOptOut",
        "members.Invitation",
        "members.Invitation_workgroups",
        "issues.Issue_levers",
        "learning_sessions.LearningSession_related_papers",
    } <= exported


def secret_field_values() -> dict[str, list[str]]:
    """Every stored value of a token, hash, secret or password field of the
    Hub's models, by "app_label.Model.field"."""
    found = {}
    for app in project_apps():
        for model in app.get_models():
            for field in model._meta.concrete_fields:
                if re.search("token|hash|secret|password", field.name):
                    values = model._default_manager.values_list(field.attname, flat=True)
                    found[f"{model._meta.label}.{field.name}"] = [v for v in values if v]
    return found


def test_no_password_hash_secret_or_token_is_anywhere_in_the_archive(
    coalition, story, client, django_capture_on_commit_callbacks
):
    calendar_token = coalition.calendar_token()  # the member's private calendar link
    guest_link_token = coalition.guest_token()  # a second guest, with their emailed link
    accepted = InvitationFactory(invited_by=coalition.admin, status="accepted")
    Authenticator.objects.create(
        user=coalition.admin, type="totp", data={"secret": "JBSWY3DPEHPK3PXPTOTPSECRET"}
    )
    client.force_login(coalition.partner)  # a session row
    stored = secret_field_values()
    assert set(stored) == {
        "members.User.password",
        "members.User.calendar_token",
        "members.Invitation.token_hash",
        "learning_sessions.SessionRegistration.token_hash",
    }, "a new secret field: keep it out of the archive and add it here"
    assert len(stored["members.User.password"]) == get_user_model().objects.count() == 6
    assert calendar_token in stored["members.User.calendar_token"]
    assert len(stored["members.Invitation.token_hash"]) == 2  # the story's and the accepted one
    assert len(stored["learning_sessions.SessionRegistration.token_hash"]) == 2  # both guests
    secrets = [
        *(value for values in stored.values() for value in values),
        story["invitation"].token,  # the raw tokens behind the hashes, too
        accepted.token,
        guest_link_token,
        "JBSWY3DPEHPK3PXPTOTPSECRET",
        client.session.session_key,
    ]
    assert all(secrets)

    export = export_now(coalition, django_capture_on_commit_callbacks)

    with export.file.open("rb") as handle:
        raw = handle.read()
    contents = [raw, *archive_files(export).values()]
    for secret in secrets:
        assert not any(secret.encode() in blob for blob in contents), secret
    headers = [
        entry["columns"] for entry in json.loads(archive_files(export)["manifest.json"])["files"]
    ]
    assert not any(
        re.search("password|token|hash|secret", column) for row in headers for column in row
    )


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
    assert re.search(r'<progress max="35"\s+value="12"', fragment)
    assert "34%" in fragment
    # The new sentence goes into the page's live region, which itself stays.
    status = re.search(r'<p id="export-status"\s+hx-swap-oob="innerHTML">\s*(.*?)\s*</p>', fragment)
    assert status.group(1) == "Writing issue changes: 12 of 35 steps done."
    assert "aria-live" not in fragment


def test_only_the_status_sentence_is_a_live_region(coalition, client_as):
    export = Export.objects.create(requested_by=coalition.admin, steps_total=35)

    page = client_as(coalition.admin).get(reverse("exports:detail", kwargs={"pk": export.pk}))

    content = page.content.decode()
    assert content.count("aria-live") == 1
    status = re.search(r'<p id="export-status"\s+aria-live="polite">\s*(.*?)\s*</p>', content)
    assert status.group(1) == "Waiting for the background worker to start…"
    # The polled region, with the progress bar, is outside it.
    assert status.end() < content.index('id="export-progress"') < content.index("<progress")


def test_a_poll_that_finds_nothing_new_swaps_nothing(coalition, client_as):
    export = Export.objects.create(
        requested_by=coalition.admin, status=Export.Status.RUNNING, steps_done=3, steps_total=35
    )
    client = client_as(coalition.admin)
    page = client.get(reverse("exports:detail", kwargs={"pk": export.pk})).content.decode()
    poll = re.search(r'hx-get="([^"]+)"', page).group(1).replace("&amp;", "&")

    unchanged = client.get(poll, headers={"HX-Request": "true"})
    Export.objects.filter(pk=export.pk).update(steps_done=4, step_label="people")
    moved_on = client.get(poll, headers={"HX-Request": "true"})

    assert unchanged.status_code == 204 and unchanged.content == b""
    assert moved_on.status_code == 200
    assert "Writing people: 4 of 35 steps done." in moved_on.content.decode()
    next_poll = re.search(r'hx-get="([^"]+)"', moved_on.content.decode()).group(1)
    assert next_poll != poll


@pytest.mark.parametrize("status", [Export.Status.READY, Export.Status.FAILED])
def test_a_finished_build_reloads_the_whole_page(coalition, client_as, status):
    export = Export.objects.create(
        requested_by=coalition.admin, status=Export.Status.RUNNING, steps_done=3, steps_total=35
    )
    client = client_as(coalition.admin)
    page = client.get(reverse("exports:detail", kwargs={"pk": export.pk})).content.decode()
    poll = re.search(r'hx-get="([^"]+)"', page).group(1).replace("&amp;", "&")
    Export.objects.filter(pk=export.pk).update(status=status, error="Boom")

    response = client.get(poll, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    finished = client.get(reverse("exports:detail", kwargs={"pk": export.pk})).content.decode()
    assert "hx-trigger" not in finished
    assert "aria-live" not in finished  # nothing changes any more
    title = " ".join(re.search(r"<title>(.*?)</title>", finished, re.S).group(1).split())
    assert f": {status.label} —" in title  # read out as the page loads


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


def test_a_file_missing_from_storage_before_expiry_says_so(coalition, client_as):
    export = coalition.ready_export()
    export.file.storage.delete(export.file.name)

    response = client_as(coalition.admin).get(reverse("exports:download", kwargs={"pk": export.pk}))

    assert response.status_code == 410
    content = response.content.decode()
    assert "The archive's file of the export" in content
    assert "is missing from storage" in content
    assert "Start a new export" in content
    assert "expired" not in content


def test_the_sweep_deletes_old_files_that_no_export_names(coalition):
    """A worker killed between storing the archive and marking its row ready
    leaves a file no row names: the sweep deletes it once it is old enough."""
    storage = Export._meta.get_field("file").storage
    named = coalition.ready_export()
    stray = storage.save("exports/0123abcd.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    young = storage.save("exports/4567ef01.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    old = (timezone.now() - services.STALLED_AFTER - datetime.timedelta(minutes=1)).timestamp()
    for name in (stray, named.file.name):
        os.utime(storage.path(name), (old, old))

    result = services.sweep_exports()

    assert result["orphans"] == 1
    assert not storage.exists(stray)
    assert storage.exists(young)  # maybe a build marking its row ready right now
    assert storage.exists(named.file.name)
    assert services.sweep_exports()["orphans"] == 0
    # Once old enough, the young one goes too.
    later = timezone.now() + services.STALLED_AFTER + datetime.timedelta(minutes=1)
    assert services.sweep_exports(now=later)["orphans"] == 1
    assert not storage.exists(young)
    assert storage.exists(named.file.name)


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


def test_a_second_delivery_while_the_export_still_runs_claims_the_build(coalition):
    """A worker process killed mid-build, its task requeued at once: the row still runs."""
    export = Export.objects.create(
        requested_by=coalition.admin, status=Export.Status.RUNNING, run=1, steps_done=9
    )

    tasks.build_export.delay(export.pk)

    export.refresh_from_db()
    assert (export.status, export.run) == (Export.Status.READY, 2)
    assert export.file


@pytest.mark.parametrize("status", [Export.Status.READY, Export.Status.FAILED])
def test_a_late_redelivery_of_a_finished_export_does_nothing(coalition, status):
    """Redis gives an unacknowledged message back after its visibility timeout
    (an hour): by then a dead build was failed by the sweep after
    STALLED_AFTER (30 minutes), and a live one is ready. Neither is built again."""
    redelivery = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    stalled_after = services.STALLED_AFTER.total_seconds()
    assert stalled_after < redelivery
    if status == Export.Status.READY:
        export = coalition.ready_export()
    else:
        export = Export.objects.create(
            requested_by=coalition.admin,
            status=Export.Status.RUNNING,
            run=1,
            steps_done=9,
            updated_at=timezone.now() - datetime.timedelta(hours=1),
        )
        services.sweep_exports()
    export.refresh_from_db()
    before = Export.objects.filter(pk=export.pk).values().get()
    assert before["status"] == status
    storage = Export._meta.get_field("file").storage
    stored = storage.listdir("exports")[1] if storage.exists("exports") else []

    tasks.build_export.delay(export.pk)

    assert services.run_export(export_id=export.pk) is None
    assert Export.objects.filter(pk=export.pk).values().get() == before
    assert (storage.listdir("exports")[1] if storage.exists("exports") else []) == stored


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
        invitation = InvitationFactory(invited_by=coalition.admin)
        invitation.workgroups.add(coalition.workgroup, coalition.other_workgroup)
        JoinRequestFactory(decided_by=coalition.admin, invitation=invitation)
        Preference.objects.create(person=person, kind="summit", choice="off")
        GuestOptOut.objects.create(email=person.email, kind="learning_session")
        RoleChange.objects.create(
            person=person, actor=coalition.admin, kind="joined", workgroup=coalition.workgroup
        )
        MeetingSeriesFactory(workgroup=coalition.workgroup, created_by=coalition.wg_chair)
        WorkgroupUpdateFactory(workgroup=coalition.workgroup, author=coalition.wg_chair)
        meeting = MeetingFactory(workgroup=coalition.workgroup)
        MinutesRevisionFactory(meeting=meeting, author=person)
        workgroup_services.link_page(
            meeting=meeting, actor=coalition.wg_chair, title=f"Issue {n}", path="/issues/"
        )
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
        legislator = coalition.legislator()
        bill = BillFactory()
        bill.papers.add(paper)
        bill.recommendations.add(*Recommendation.objects.filter(revision__paper=paper))
        bill.committees.add(*legislator.committees.all())
        bill.history.create(status="introduced", recorded_by=coalition.core)
        contact = ContactFactory(
            logged_by=person, legislators=[legislator], papers=[paper], bills=[bill],
            members_present=[person], organisations_present=[person.organisation],
        )  # fmt: skip
        FollowUpFactory(contact=contact, owner=person)
        OrganisationDistrict.objects.create(
            organisation=person.organisation, chamber="assembly", district=n + 1
        )
        PaperSupport.objects.create(paper=paper, organisation=person.organisation)
        AdvocacyChange.objects.create(
            actor=person, subject="contact", subject_id=contact.pk, action="created"
        )


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
