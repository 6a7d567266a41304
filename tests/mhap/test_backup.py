"""Backup and restore on PostgreSQL, as the README tells a maintainer to do
it: pg_dump of the seeded coalition, pg_restore into a new empty database,
and every table compared — its row count and a checksum of its rows."""

import importlib
import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from psycopg import sql

pytestmark = pytest.mark.django_db(transaction=True)


def conninfo(dbname: str) -> str:
    db = connection.settings_dict
    parts = {"dbname": dbname, "host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432,
             "user": db["USER"], "password": db["PASSWORD"]}  # fmt: skip
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def fingerprint(dbname: str) -> dict[str, tuple[int, str]]:
    """Each table of the public schema: (rows, md5 of its rows in a fixed order),
    and each sequence: (its last value, "")."""
    with psycopg.connect(conninfo(dbname), autocommit=True) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        # A restore that lost a sequence's position would fail on the next insert.
        result = {
            f"sequence {name}": (value or 0, "")
            for name, value in db.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            )
        }
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                " FROM {} AS t"
            ).format(sql.Identifier(table))
            count, checksum = db.execute(query).fetchone()
            result[table] = (count, checksum)
    return result


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def pg_tools():
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore are PostgreSQL's (set DATABASE_URL, as CI does)")
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        message = f"needs {', '.join(missing)} (Debian: apt-get install postgresql-client)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_a_dump_restored_into_an_empty_database_holds_every_row(pg_tools, tmp_path, settings):
    settings.DEBUG = True
    # The implementers a data migration made are gone once an earlier
    # transactional test flushed the tables; the demo's papers name them.
    importlib.import_module("issues.migrations.0004_implementers").add(apps, None)
    call_command("seed_demo")
    source = connection.settings_dict["NAME"]
    target = f"{source}_restore_{uuid.uuid4().hex[:6]}"
    dump = tmp_path / "mhap.dump"

    run(
        "pg_dump", "--format=custom", "--no-owner", f"--file={dump}", f"--dbname={conninfo(source)}"
    )
    with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
    try:
        run(
            "pg_restore", "--no-owner", "--exit-on-error", f"--dbname={conninfo(target)}", str(dump)
        )

        before, after = fingerprint(source), fingerprint(target)
        # The comparison would see one changed character.
        with psycopg.connect(conninfo(target), autocommit=True) as restored:
            restored.execute(
                "UPDATE members_user SET full_name = full_name || '.'"
                " WHERE id = (SELECT min(id) FROM members_user)"
            )
        assert fingerprint(target)["members_user"] != before["members_user"]
    finally:
        with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target))
            )

    assert sorted(after) == sorted(before)  # every table
    assert after == before  # every row of each
    filled = [table for table, (count, checksum) in before.items() if count and checksum]
    assert len(filled) >= 40, f"the demo fills too few tables to prove much: {filled}"
