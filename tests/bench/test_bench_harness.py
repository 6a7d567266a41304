"""The benchmark's own logic: percentiles, interleaving, database names and
its refusal to run without PostgreSQL. No data, no timing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import databases
from bench.stats import interleaved, percentile, ratio, sample_interleaved, summary

ROOT = Path(__file__).resolve().parents[2]


def test_percentile_nearest_rank():
    values = list(range(1, 21))  # 1 .. 20
    assert percentile(values, 0.95) == 19
    assert percentile(values, 0.5) == 10
    assert percentile(values, 1.0) == 20
    assert percentile([7.0], 0.95) == 7.0


def test_percentile_ignores_order():
    assert percentile([5, 1, 4, 2, 3], 0.95) == 5


def test_percentile_refuses_no_samples():
    with pytest.raises(ValueError):
        percentile([], 0.95)


def test_summary_median_and_p95():
    assert summary([1.0, 2.0, 3.0, 100.0]) == {"n": 4, "median": 2.5, "p95": 100.0}


def test_ratio_of_zero_is_infinite():
    assert ratio(3.0, 1.5) == 2.0
    assert ratio(1.0, 0.0) == float("inf")


def test_interleaved_alternates_probes():
    assert list(interleaved(["a", "b"], 3)) == [
        (0, "a"), (0, "b"), (1, "a"), (1, "b"), (2, "a"), (2, "b"),
    ]  # fmt: skip


def test_sample_interleaved_warms_up_then_alternates():
    calls = []

    def measure(probe):
        calls.append(probe)
        return float(len(calls))

    samples = sample_interleaved(
        ["a", "b"], measure, warmup=2, min_rounds=3, max_rounds=3, budget_seconds=60
    )
    assert calls == ["a", "b"] * 5
    assert samples == [[5.0, 7.0, 9.0], [6.0, 8.0, 10.0]]


def test_sample_interleaved_stops_on_budget_after_min_rounds():
    ticks = iter(range(1000))

    samples = sample_interleaved(
        ["a", "b"],
        lambda probe: 1.0,
        warmup=0,
        min_rounds=4,
        max_rounds=100,
        budget_seconds=0.5,
        clock=lambda: next(ticks),
    )
    assert [len(values) for values in samples] == [4, 4]


def test_bench_databases_sit_beside_database_url():
    url = "postgres://root@127.0.0.1:5432/mhap?sslmode=disable"
    assert databases.bench_url(url, "1k") == (
        "postgres://root@127.0.0.1:5432/mhap_bench_1k?sslmode=disable"
    )
    assert databases.maintenance_url(url).endswith("/postgres?sslmode=disable")


@pytest.mark.parametrize("url", ["", "sqlite:///var/mhap.sqlite3", "postgres://root@host/"])
def test_check_url_refuses_anything_but_a_postgres_database(url):
    with pytest.raises(databases.NotPostgres):
        databases.check_url(url)


def test_fingerprint_changes_with_the_sizes():
    assert databases.fingerprint({"issues": 1000}) != databases.fingerprint({"issues": 2000})
    assert databases.fingerprint({"issues": 1000}) == databases.fingerprint({"issues": 1000})


@pytest.mark.parametrize("database_url", [None, "sqlite:///var/mhap.sqlite3"])
def test_bench_without_postgres_says_so_and_fails(database_url):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        environment["DATABASE_URL"] = database_url
    finished = subprocess.run(
        [sys.executable, "-m", "bench"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 2
    assert "DATABASE_URL" in finished.stderr
    assert "PostgreSQL" in finished.stderr
