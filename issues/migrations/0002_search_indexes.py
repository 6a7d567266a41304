"""Trigram indexes for the triage search, on PostgreSQL only.

Search uses icontains, which PostgreSQL runs as UPPER(column) LIKE UPPER('%q%').
A GIN trigram index on UPPER(column) serves exactly that, finds "988" and
partial words ("parit" finds parity), and keeps search fast at 100,000 issues.
SQLite, the embedded default, scans instead.
"""

from django.db import migrations

INDEXES = {
    "issue_title_trgm": "title",
    "issue_description_trgm": "description",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON issues_issue "
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("issues", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
