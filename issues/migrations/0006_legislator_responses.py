"""A response per legislator met, instead of one per contact: at one meeting
one legislator may be supportive and another opposed. Each contact's single
response is copied to every legislator it met."""

import django.db.models.deletion
from django.db import migrations, models

RESPONSES = [
    ("supportive", "Supportive"),
    ("undecided", "Undecided"),
    ("opposed", "Opposed"),
    ("no_response", "No response"),
]


def copy_responses(apps, schema_editor):
    Contact = apps.get_model("issues", "Contact")
    LegislatorResponse = apps.get_model("issues", "LegislatorResponse")
    met = Contact.legislators.through.objects.select_related("contact").order_by("pk")
    LegislatorResponse.objects.bulk_create(
        (
            LegislatorResponse(
                contact_id=row.contact_id,
                legislator_id=row.legislator_id,
                response=row.contact.response,
            )
            for row in met.iterator(chunk_size=2000)
        ),
        batch_size=2000,
    )


def copy_back(apps, schema_editor):
    """Going back keeps each contact's most common response (ties: the most
    favourable), as the single field could hold only one."""
    Contact = apps.get_model("issues", "Contact")
    LegislatorResponse = apps.get_model("issues", "LegislatorResponse")
    order = [value for value, _ in RESPONSES]
    by_contact: dict[int, list[str]] = {}
    for row in LegislatorResponse.objects.order_by("pk").iterator(chunk_size=2000):
        by_contact.setdefault(row.contact_id, []).append(row.response)
        Contact.legislators.through.objects.create(
            contact_id=row.contact_id, legislator_id=row.legislator_id
        )
    for contact_id, responses in by_contact.items():
        common = max(order, key=lambda value: (responses.count(value), -order.index(value)))
        Contact.objects.filter(pk=contact_id).update(response=common)


class Migration(migrations.Migration):
    dependencies = [
        ("issues", "0005_advocacy"),
    ]

    operations = [
        migrations.CreateModel(
            name="LegislatorResponse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("response", models.CharField(choices=RESPONSES, max_length=20)),
                (
                    "contact",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="issues.contact",
                    ),
                ),
                (
                    "legislator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="issues.legislator",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("contact", "legislator"),
                        name="one_response_per_legislator_and_contact",
                    )
                ],
                "indexes": [
                    models.Index(fields=["legislator", "contact"], name="responses_of_legislator")
                ],
            },
        ),
        # Django cannot add `through=` to a many-to-many field in place: the
        # plain one is copied into the new table, removed, and added back.
        migrations.RunPython(copy_responses, copy_back),
        migrations.RemoveField(model_name="contact", name="legislators"),
        migrations.AddField(
            model_name="contact",
            name="legislators",
            field=models.ManyToManyField(
                related_name="contacts", through="issues.LegislatorResponse", to="issues.legislator"
            ),
        ),
        # blank=True first, so that going back can add the column to rows
        # that exist (as "") before copy_back fills it in.
        migrations.AlterField(
            model_name="contact",
            name="response",
            field=models.CharField(blank=True, choices=RESPONSES, max_length=20),
        ),
        migrations.RemoveField(model_name="contact", name="response"),
    ]
