"""Real Celery processes for the tests that need them: a worker (and beat)
started as the deployment starts them, sharing the test database and broker.

They need the test database on PostgreSQL, which another process can open;
SQLite's test database lives in this process's memory. CI sets DATABASE_URL."""

import os
import signal
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from mhap.celery import app as celery_app


def database_url() -> str:
    """The test database as a URL another process can open, or skip."""
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip(
            "needs PostgreSQL: a worker process must share the test database "
            "(set DATABASE_URL, as CI does)"
        )
    user = db["USER"] or ""
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def reset_producer_pool():
    """Drop the app's connection and producer pools; the next publish builds new
    ones from the (patched or restored) configuration."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools in a registry keyed by connection: clear it, or
    # the next publish to the same Redis gets the pool closed above.
    kombu_pools.reset()


def process_env(tmp_path, monkeypatch, *, broker_url=None, **extra) -> dict:
    """The environment of a worker or beat on a queue of its own, and this
    process's Celery app pointed at the same queue and broker."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "CELERY_QUEUE": queue, "DEBUG": "0",
           "DATABASE_URL": database_url(), **extra}  # fmt: skip
    monkeypatch.setitem(celery_app.conf, "task_default_queue", queue)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    if broker_url:
        env["REDIS_URL"] = broker_url
        monkeypatch.setitem(celery_app.conf, "broker_url", broker_url)
    elif not settings.REDIS_URL:
        broker_dir = tmp_path / "broker"
        env["CELERY_BROKER_DIR"] = str(broker_dir)
        options = {
            "data_folder_in": str(broker_dir / "queue"),
            "data_folder_out": str(broker_dir / "queue"),
            "control_folder": str(broker_dir / "control"),
            "store_processed": False,
        }
        for folder in ("queue", "control"):
            (broker_dir / folder).mkdir(parents=True)
        monkeypatch.setitem(celery_app.conf, "broker_transport_options", options)
    reset_producer_pool()
    return env


def start(kind: str, env: dict, *args: str, log=None) -> subprocess.Popen:
    """`celery worker` or `celery beat`, in its own process group."""
    command = [sys.executable, "-m", "celery", "-A", "mhap", kind, "--loglevel", "INFO"]
    if kind == "worker":
        command += ["--queues", env["CELERY_QUEUE"], "--without-mingle", "--without-gossip"]
    return subprocess.Popen(
        [*command, *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log or subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen, *, kill=False) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
