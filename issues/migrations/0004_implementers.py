from django.db import migrations

# Who carries a recommendation out. Admins rename or add to these in the
# Django admin; the crosswalk filters by them.
IMPLEMENTERS = [
    ("Legislature", "legislature"),
    ("State agencies", "state-agency"),
    ("Counties and tribes", "counties"),
    ("Providers", "providers"),
    ("Health plans and payers", "payers"),
    ("Schools", "schools"),
    ("Courts and law enforcement", "justice-system"),
]


def add(apps, schema_editor):
    Implementer = apps.get_model("issues", "Implementer")
    for position, (name, slug) in enumerate(IMPLEMENTERS):
        Implementer.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("issues", "0003_papers")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
