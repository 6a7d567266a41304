"""Bills sort by their number as people read it (AB 48 before AB 118): a sort
key kept beside the number, filled in here for the bills that exist."""

import re

from django.db import migrations, models


def bill_sort_key(number: str) -> str:
    # As issues.models.advocacy.bill_sort_key was when this was written.
    match = re.match(r"\s*([^\d]*?)\s*(\d+)(.*)", number)
    if not match:
        return number.upper()
    letters, digits, rest = match.groups()
    return f"{letters.upper()} {int(digits):08d}{rest.upper()}"


def fill_sort_keys(apps, schema_editor):
    Bill = apps.get_model("issues", "Bill")
    bills = list(Bill.objects.only("pk", "number"))
    for bill in bills:
        bill.sort_key = bill_sort_key(bill.number)
    Bill.objects.bulk_update(bills, ["sort_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("issues", "0006_legislator_responses"),
    ]

    operations = [
        migrations.AddField(
            model_name="bill",
            name="sort_key",
            field=models.CharField(default="", editable=False, max_length=40),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="bill",
            options={"ordering": ["-session", "sort_key"]},
        ),
    ]
