"""Advocacy's data migrations: one response per contact to one per
legislator met (issues 0006) keeps every contact's response, and going back
keeps one; the bills that exist get their sort keys (0007)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("issues", "0005_advocacy")]
AFTER = [("issues", "0006_legislator_responses")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def seed_before(apps):
    Legislator = apps.get_model("issues", "Legislator")
    Contact = apps.get_model("issues", "Contact")
    first = Legislator.objects.create(
        full_name="Ann One", chamber="assembly", district=1, party="D"
    )
    second = Legislator.objects.create(full_name="Bo Two", chamber="senate", district=2, party="R")
    together = Contact.objects.create(on="2025-03-04", kind="meeting", response="opposed")
    together.legislators.set([first, second])
    alone = Contact.objects.create(on="2025-03-05", kind="call", response="supportive")
    alone.legislators.set([second])
    return first, second, together, alone


@pytest.fixture(autouse=True)
def _back_to_the_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # as the other tests expect it


def test_each_legislator_met_keeps_the_contacts_response_and_back_again():
    first, second, together, alone = seed_before(migrate(BEFORE))

    after = migrate(AFTER)

    responses = after.get_model("issues", "LegislatorResponse").objects
    assert sorted(responses.values_list("contact_id", "legislator_id", "response")) == sorted(
        [
            (together.pk, first.pk, "opposed"),
            (together.pk, second.pk, "opposed"),
            (alone.pk, second.pk, "supportive"),
        ]
    )
    # At one meeting they differed; going back keeps the most common response.
    responses.filter(contact_id=together.pk, legislator_id=first.pk).update(response="supportive")
    responses.create(contact_id=together.pk, legislator_id=_third(after).pk, response="opposed")

    before = migrate(BEFORE)

    contacts = before.get_model("issues", "Contact").objects
    assert contacts.get(pk=together.pk).response == "opposed"
    assert contacts.get(pk=alone.pk).response == "supportive"
    assert set(contacts.get(pk=together.pk).legislators.values_list("full_name", flat=True)) == {
        "Ann One",
        "Bo Two",
        "Cy Three",
    }


def _third(apps):
    return apps.get_model("issues", "Legislator").objects.create(
        full_name="Cy Three", chamber="assembly", district=3, party="D"
    )


def test_the_bills_that_exist_get_their_sort_keys():
    apps = migrate([("issues", "0006_legislator_responses")])
    Bill = apps.get_model("issues", "Bill")
    for number in ("AB 118", "AB 48"):
        Bill.objects.create(number=number, session="2025-2026", title=number)

    after = migrate([("issues", "0007_bill_sort_key")])

    bills = after.get_model("issues", "Bill").objects.order_by("sort_key")
    assert list(bills.values_list("number", flat=True)) == ["AB 48", "AB 118"]
