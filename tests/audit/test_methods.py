"""No state change on GET: an action refuses GET, and a page's GET writes
nothing to the database.

Every URL of the permission matrix is covered: a row with method "post" is
an action, the rest are pages. A GET is watched at the database driver, so a
write hidden in a template tag, a selector or a signal is caught as well as
one in a view."""

import re
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.matrix import MATRIX, ROLES

pytestmark = pytest.mark.audit

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE|CREATE|DROP|ALTER)\b", re.I)
ACTIONS = sorted(name for name, row in MATRIX.items() if row.method == "post")
PAGES = sorted(name for name, row in MATRIX.items() if row.method == "get")


@contextmanager
def watching_writes():
    writes = []

    def record(execute, sql, params, many, context):
        if WRITE.match(sql):
            writes.append(sql.split(" WHERE ")[0][:160])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield writes


def refused(response) -> bool:
    if response.status_code in {403, 404, 405}:
        return True
    return response.status_code == 302 and response["Location"].startswith(
        reverse(settings.LOGIN_URL)
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", ACTIONS)
def test_an_action_refuses_get(url_name, role, coalition, client_as):
    client = client_as(coalition.user(role))
    url = MATRIX[url_name].url(coalition)

    with watching_writes() as writes:
        response = client.get(url)

    assert refused(response), f"GET {url} as {role} answered {response.status_code}"
    if MATRIX[url_name].statuses()[role] not in {"login", "403", "404"}:
        # Someone allowed to act is told which method to use, not shown a page.
        assert response.status_code == 405, f"GET {url} as {role}: {response.status_code}"
    assert writes == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", PAGES)
def test_a_page_writes_nothing_on_get(url_name, role, coalition, client_as):
    client = client_as(coalition.user(role))
    url = MATRIX[url_name].url(coalition)

    with watching_writes() as writes:
        client.get(url)

    assert writes == [], f"GET {url} as {role} wrote: {writes}"


def test_the_write_watch_sees_a_write(coalition):
    with watching_writes() as writes:
        coalition.workgroup.save(update_fields=["name"])

    assert writes and writes[0].startswith("UPDATE")
