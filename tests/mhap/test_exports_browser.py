"""The export in Chromium: htmx follows a build's progress until the download
appears (the live status sentence staying in place, the finished page loaded
whole), and an admin takes the archive home, with no CSP refusal."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from mhap.models import Export
from tests.test_accessibility import assert_accessible, record_console_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_status_page_follows_the_build_until_the_download_is_ready(coalition, page_as):
    export = Export.objects.create(
        requested_by=coalition.admin,
        status=Export.Status.RUNNING,
        steps_done=3,
        steps_total=35,
        step_label="people",
    )
    page = page_as(coalition.admin)
    console_errors = record_console_errors(page)

    page.goto(reverse("exports:detail", kwargs={"pk": export.pk}))
    page.get_by_text("Writing people: 3 of 35 steps done.").wait_for()
    assert_accessible(page)
    live = page.locator("[aria-live]")
    assert live.count() == 1
    # Mark the live region's node: only its words may change, never the node.
    live.evaluate("node => { node.dataset.seen = 'first' }")

    # The worker moves on; the page follows without a reload.
    Export.objects.filter(pk=export.pk).update(steps_done=20, step_label="papers")
    page.get_by_text("Writing papers: 20 of 35 steps done.").wait_for()
    assert page.locator("progress").get_attribute("value") == "20"
    assert live.get_attribute("data-seen") == "first"
    assert live.inner_text().strip() == "Writing papers: 20 of 35 steps done."

    # Ready: the polling stops and the download appears.
    storage = Export._meta.get_field("file").storage
    name = storage.save("exports/browser.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    now = timezone.now()
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.READY,
        steps_done=35,
        file=name,
        size=22,
        finished_at=now,
        expires_at=now + datetime.timedelta(hours=24),
    )
    # The poll answers "reload": the page is loaded whole, showing the finished export.
    page.get_by_role("link", name="Download the archive").wait_for()
    assert page.locator("[hx-trigger]").count() == 0
    assert page.locator("[aria-live]").count() == 0
    assert "Ready" in page.title()
    assert_accessible(page)
    assert console_errors == []


def test_an_admin_exports_everything_and_downloads_it(coalition, page_as):
    page = page_as(coalition.admin)
    console_errors = record_console_errors(page)

    page.goto(reverse("members:people"))
    page.get_by_role("link", name="Data export").click()
    # The worker is eager in tests: the archive is built before the redirect.
    page.get_by_role("button", name="Export everything").click()
    link = page.get_by_role("link", name="Download the archive")
    with page.expect_download() as download_info:
        link.click()

    download = download_info.value
    assert download.suggested_filename.startswith("mhap-export-")
    with open(download.path(), "rb") as handle:
        manifest = json.loads(zipfile.ZipFile(io.BytesIO(handle.read())).read("manifest.json"))
    assert manifest["requested_by"]["email"] == coalition.admin.email
    page.get_by_role("heading", name="What is in it").wait_for()
    assert console_errors == []
