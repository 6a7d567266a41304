"""The benchmark's own PostgreSQL databases, named after DATABASE_URL's
(`mhap` gives `mhap_bench_1k`, `mhap_bench_100k` and `mhap_bench_mail`), never DATABASE_URL's
database itself.

Each holds a one-row table `bench_dataset` with the fingerprint of what
built it: the benchmark's data code, the demo seed, the factories, every
migration and the sizes asked for. A database whose fingerprint differs (or
that is missing, or was left half-built) is dropped and built again;
otherwise it is reused as it is."""

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
# Bump to rebuild every benchmark database whatever else changed.
DATA_VERSION = 1
BUILT_FROM = [
    "bench/datasets.py",
    "mhap/demo.py",
    "mhap/demo_papers.py",
    "mhap/demo_sessions.py",
    "tests/factories.py",
]
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


class NotPostgres(Exception):
    pass


def check_url(url: str) -> str:
    """DATABASE_URL, if it names a PostgreSQL database; else NotPostgres."""
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES or not parts.path.strip("/"):
        raise NotPostgres(url)
    return url


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    scheme = "postgresql" if parts.scheme == "pgsql" else parts.scheme
    return urlunsplit((scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def database_name(url: str) -> str:
    return urlsplit(url).path.strip("/")


def bench_url(url: str, label: str) -> str:
    """`postgres://u@h/mhap`, "1k" -> `postgres://u@h/mhap_bench_1k`."""
    return _with_database(url, f"{database_name(url)}_bench_{label}")


def maintenance_url(url: str) -> str:
    return _with_database(url, "postgres")


def fingerprint(spec: dict, root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps({"version": DATA_VERSION, **spec}, sort_keys=True).encode())
    files = [root / name for name in BUILT_FROM]
    files += sorted(root.glob("*/migrations/*.py"))
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def server_answers(url: str) -> str | None:
    """None if PostgreSQL at `url` answers, else why not."""
    try:
        with psycopg.connect(maintenance_url(url), connect_timeout=5) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        return str(error).strip()
    return None


def read_marker(url: str) -> str | None:
    """The fingerprint a benchmark database was built with, or None."""
    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            row = connection.execute("SELECT fingerprint FROM bench_dataset").fetchone()
    except psycopg.Error:  # no such database or table: not built (completely)
        return None
    return row[0] if row else None


def recreate(url: str) -> None:
    name = sql.Identifier(database_name(url))
    with psycopg.connect(maintenance_url(url), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def write_marker(url: str, value: str, built: dict) -> None:
    with psycopg.connect(url) as connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS bench_dataset "
            "(fingerprint text NOT NULL, built jsonb NOT NULL, built_at timestamptz NOT NULL)"
        )
        connection.execute("DELETE FROM bench_dataset")
        connection.execute(
            "INSERT INTO bench_dataset VALUES (%s, %s, now())", (value, json.dumps(built))
        )


def analyze(url: str) -> None:
    """Fresh planner statistics after the bulk inserts, as autovacuum would
    give a database that had grown over time."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
