"""`make bench`: the app measured at coalition scale and far beyond, every
figure a ratio of two things measured side by side in one run (issue 12).

    DATABASE_URL=postgres://user@host:5432/mhap .venv/bin/python -m bench [--quick]

How it measures, and why this way:

- Each size has its own database (bench.databases) and its own process
  (bench.worker), a normal Django process configured by DATABASE_URL like
  the app in production. Switching one process between two databases
  (aliases and a router) would leave `transaction.atomic()` and the raw
  `connection` of the app's code on the default database, so the pages and
  the sweep would not run as they really do. Two processes cannot get that
  wrong.
- Pages go through Django's test client inside the worker: the whole
  middleware stack, the view, its queries and the template, without a
  network or a server's threads adding noise. The worker times each request
  itself; this coordinator only says which request comes next.
- Interleaving: the coordinator asks for A, B, A, B ... (here A and B may
  be pages of two databases, or two pages of one), after a few unrecorded
  warm-up rounds, so both sides meet the same noise. Only one request runs
  at a time, so on a two-core machine the database has a core of its own.
- Each pair gets a time budget and a minimum number of rounds; medians and
  p95 come from the same rounds.
- The sweep is the real one (engine.sweep, which reminders.tasks.sweep
  runs) against an SMTP sink in a third process (bench.smtpsink), in chunks
  alternating with a plain smtplib loop sending the same messages the sink
  just received from the sweep, over one connection.

Prints `name: value` for every figure, where the slowest page spends its
time, and writes it all to bench/results.json."""

import argparse
import datetime
import json
import os
import platform
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import databases
from bench.stats import ratio, sample_interleaved, summary

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
LOG_DIR = ROOT / "var"

# The two page databases differ in issues and feedback items only: members
# are the same, so a page that grows with the coalition's people (a select
# of every member) does not pass for one that grows with its issues. The
# sweep's 10,000 members get a database of their own.
SIZES = {
    "1k": {"issues": 1_000, "members": 100, "feedback": 100},
    "100k": {"issues": 100_000, "members": 100, "feedback": 10_000},
    "mail": {"issues": 0, "members": 10_000, "feedback": 0},
}
TARGETS = {
    "triage_p95_ratio_100k_vs_1k": ("<=", 2.0),
    "triage_vs_admin_p95_ratio": ("<=", 0.5),
    "triage_queries_small_vs_large": ("==", "equal"),
    "feedback_report_p95_ratio_10k_vs_100": ("<=", 2.0),
    "reminder_sweep_vs_raw_smtp": (">=", 0.5),
    "home_p95_ratio_vs_hello": ("report", None),
}
NO_POSTGRES = """\
make bench measures the app on PostgreSQL, and DATABASE_URL does not name a
PostgreSQL database ({found}). Set it, for example:

    DATABASE_URL=postgres://user@127.0.0.1:5432/mhap make bench

The benchmark creates and reuses its own databases beside that one
(<name>_bench_1k, <name>_bench_100k and <name>_bench_mail); it never
touches <name> itself."""


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Processes ---------------------------------------------------------------------


class WorkerProcess:
    """A bench.worker on one database, spoken to one JSON line at a time."""

    def __init__(self, label: str, url: str, extra_env: dict):
        self.label = label
        self.log_path = LOG_DIR / f"bench-worker-{label}.log"
        LOG_DIR.mkdir(exist_ok=True)
        # No REDIS_URL: a sweep a page asks for goes to a broker folder of the
        # benchmark's own, never to a queue real workers read (the app caches
        # nothing itself, so the local-memory cache changes no page).
        environment = {
            **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
            "CELERY_BROKER_DIR": str(LOG_DIR / "bench-broker"),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": url,
            # As docker-compose.yml runs production.
            "DEBUG": "0",
            "DATABASE_CONN_MAX_AGE": "60",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            **extra_env,
        }
        self.log_file = open(self.log_path, "wb")  # noqa: SIM115 -- closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.worker"],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log_file,
            text=True,
            bufsize=1,
        )

    def call(self, op: str, **arguments):
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise BenchError(f"the {self.label} worker stopped; see {self.log_path}")
        answer = json.loads(line)
        if not answer["ok"]:
            raise BenchError(f"{self.label} worker, {op}: {answer['error']}; see {self.log_path}")
        return answer["result"]

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.write('{"op": "quit"}\n')
                self.process.stdin.flush()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
        self.log_file.close()


class SinkProcess:
    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.smtpsink"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.port = int(self.process.stdout.readline())

    def take(self, path: str = "-") -> int:
        self.process.stdin.write(f"take {path}\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def stop(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# Data --------------------------------------------------------------------------


def prepare(label: str, url: str, spec: dict, sink_port: int) -> tuple[WorkerProcess, dict]:
    """The worker of one size, on data built once and reused while unchanged."""
    target = databases.bench_url(url, label)
    wanted = databases.fingerprint({"size": label, **spec})
    reuse = databases.read_marker(target) == wanted
    if not reuse:
        log(f"{label}: building {databases.database_name(target)} (first run or data changed)")
        databases.recreate(target)
    mail = {"EMAIL_DELIVERY_BACKEND": "smtp", "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink_port)}  # fmt: skip
    worker = WorkerProcess(label, target, mail)
    if reuse:
        log(f"{label}: reusing {databases.database_name(target)}")
    else:
        built = worker.call("build", **spec)
        databases.analyze(target)
        databases.write_marker(target, wanted, built)
        log(f"{label}: built in {built['seconds']} s: {built}")
    return worker, worker.call("describe")


# Measuring ---------------------------------------------------------------------


class Budget:
    """Seconds and rounds per pair; --quick divides the time by six."""

    def __init__(self, quick: bool):
        self.quick = quick

    def rounds(self, seconds: float, *, min_rounds: int = 30, max_rounds: int = 400) -> dict:
        if self.quick:
            return {"warmup": 2, "min_rounds": 8, "max_rounds": max_rounds,
                    "budget_seconds": seconds / 6}  # fmt: skip
        return {"warmup": 5, "min_rounds": min_rounds, "max_rounds": max_rounds,
                "budget_seconds": seconds}  # fmt: skip


def timed_get(probe) -> float:
    worker, client, url = probe
    answer = worker.call("get", client=client, url=url)
    if answer["status"] != 200:
        raise BenchError(f"{worker.label} {url}: HTTP {answer['status']}")
    return answer["ms"]


def compare(probes: list, names: list[str], **budget) -> dict:
    samples = sample_interleaved(probes, timed_get, **budget)
    return {name: summary(values) for name, values in zip(names, samples, strict=True)}


def triage_combinations(landmarks: dict) -> dict[str, tuple[str, str]]:
    """Five realistic triage views, as (triage query, the admin's same filter)."""
    workgroup, lever = landmarks["workgroup"], landmarks["lever"]
    return {
        "inbox of proposed issues": ("status=proposed", "status__exact=proposed"),
        "one workgroup's short-term issues": (
            f"workgroup={workgroup}&term=short",
            f"workgroup__id__exact={workgroup}&term__exact=short",
        ),
        "legislative issues in advocacy": (
            "legislative=yes&status=in_advocacy",
            "legislative__exact=yes&status__exact=in_advocacy",
        ),
        "a search word": ("q=parity", "q=parity"),
        "a lever plus a score range": (
            f"lever={lever}&impact_min=4",
            f"levers__id__exact={lever}&impact__gte=4",
        ),
    }


def measure_triage(small, large, landmarks_small, landmarks_large, budget) -> dict:
    """Per combination, triage at 1k, triage at 100k and the admin at 100k,
    in turn: both triage figures come from the same rounds."""
    small_views = triage_combinations(landmarks_small)
    large_views = triage_combinations(landmarks_large)
    cells = {}
    for name in small_views:
        triage_small = f"/issues/?{small_views[name][0]}"
        triage_large = f"/issues/?{large_views[name][0]}"
        admin_large = f"/bench/admin/issues/issue/?{large_views[name][1]}"
        log(f"triage: {name}")
        result = compare(
            [(small, "core", triage_small), (large, "core", triage_large),
             (large, "admin", admin_large)],
            ["triage_1k", "triage_100k", "admin_100k"],
            **budget.rounds(24),
        )  # fmt: skip
        result["rows_1k"] = small.call("count_rows", query=small_views[name][0])
        result["rows_100k"] = large.call("count_rows", query=large_views[name][0])
        result["urls"] = {"triage_1k": triage_small, "triage_100k": triage_large,
                          "admin_100k": admin_large}  # fmt: skip
        result["ratio_100k_vs_1k"] = ratio(result["triage_100k"]["p95"], result["triage_1k"]["p95"])
        result["ratio_vs_admin"] = ratio(result["triage_100k"]["p95"], result["admin_100k"]["p95"])
        cells[name] = result
        log(
            f"  p95 1k {result['triage_1k']['p95']:.1f} ms, 100k "
            f"{result['triage_100k']['p95']:.1f} ms, admin {result['admin_100k']['p95']:.1f} ms"
        )
    return cells


def measure_queries(large, landmarks: dict) -> dict:
    """Queries per triage page listing about 10 and about 10,000 issues."""
    windows = {
        "small": f"proposed_before={landmarks['tenth_oldest']}",
        "large": f"proposed_after={landmarks['ten_thousandth_newest']}",
    }
    found = {}
    for size, query in windows.items():
        answer = large.call("queries", client="core", url=f"/issues/?{query}")
        found[size] = {"query": query, "queries": answer["queries"],
                       "rows": large.call("count_rows", query=query)}  # fmt: skip
    found["verdict"] = (
        "equal" if found["small"]["queries"] == found["large"]["queries"] else "differ"
    )
    return found


def raw_smtp(path: str, port: int) -> tuple[int, float]:
    """The plain loop: the same messages, one connection, smtplib.sendmail."""
    with open(path, encoding="utf-8") as spool:
        messages = [json.loads(line) for line in spool]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as connection:
        for sender, recipients, data in messages:
            connection.sendmail(sender, recipients, data.encode("latin-1"))
    return len(messages), time.perf_counter() - started


def measure_sweep(large, sink: SinkProcess, *, quick: bool) -> dict:
    """The sweep delivering a summit's reminder to every member (about
    10,000), in chunks alternating with the plain loop on the same messages.
    The last few hundred go in a profiled chunk, left out of the figure, to
    show where the sweep's time goes."""
    sink.take()  # anything a page sent
    setup = large.call("sweep_setup")
    chunk, kept_for_profile = (500, 200) if quick else (2000, 200)
    to_time = 1500 if quick else max(chunk, setup["members"] - kept_for_profile)
    sweep_seconds = raw_seconds = 0.0
    swept = raw = claimed = 0
    counts = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            spool = str(Path(folder) / "messages.jsonl")
            while claimed < to_time:
                answer = large.call("sweep_chunk", limit=min(chunk, to_time - claimed))
                for key, value in answer["counts"].items():
                    counts[key] = counts.get(key, 0) + value
                received = sink.take(spool)
                if not answer["counts"].get("claimed"):
                    break
                claimed += answer["counts"]["claimed"]
                sweep_seconds += answer["seconds"]
                swept += received
                sent, seconds = raw_smtp(spool, sink.port)
                if sink.take() != sent:
                    raise BenchError("the sink lost messages of the plain loop")
                raw += sent
                raw_seconds += seconds
                log(f"  sweep {swept} messages in {sweep_seconds:.1f} s; plain loop "
                    f"{raw} in {raw_seconds:.1f} s")  # fmt: skip
        profiled = large.call("sweep_chunk", limit=kept_for_profile, profile=True)
        profiled["messages"] = sink.take()
    finally:
        large.call("sweep_cleanup")
    sweep_rate = swept / sweep_seconds if sweep_seconds else 0.0
    raw_rate = raw / raw_seconds if raw_seconds else 0.0
    return {
        "members": setup["members"],
        "sweep": {"messages": swept, "seconds": round(sweep_seconds, 2),
                  "per_second": round(sweep_rate, 1), "counts": counts},
        "raw_smtplib": {"messages": raw, "seconds": round(raw_seconds, 2),
                        "per_second": round(raw_rate, 1)},
        "ratio": ratio(sweep_rate, raw_rate),
        "profiled_chunk": profiled,
    }  # fmt: skip


def machine(postgresql: str) -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    import django

    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "postgresql": postgresql,
        "python": platform.python_version(),
        "django": django.get_version(),
        "platform": platform.platform(),
    }


def met(name: str, value) -> bool | None:
    operator, target = TARGETS[name]
    if operator == "report":
        return None
    if operator == "==":
        return value == target
    return value <= target if operator == "<=" else value >= target


def print_profile(name: str, url: str, profile: dict) -> None:
    print(f"\nwhere the time goes: {name} ({url})")
    print(
        f"  total {profile['total_ms']:.1f} ms = queries {profile['sql_ms']:.1f} ms "
        f"({len(profile['queries'])} queries) + template and Python {profile['python_ms']:.1f} ms"
    )
    for query in sorted(profile["queries"], key=lambda q: -q["ms"])[:8]:
        sql_text = " ".join(query["sql"].split())
        print(f"  {query['ms']:8.1f} ms  {sql_text[:220]}")


def print_sweep(sweep: dict) -> None:
    swept, raw, profiled = sweep["sweep"], sweep["raw_smtplib"], sweep["profiled_chunk"]
    print("\nwhere the time goes in the sweep:")
    print(
        f"  sweep {swept['messages']} messages in {swept['seconds']} s "
        f"({1000 / max(swept['per_second'], 0.001):.2f} ms each); plain smtplib "
        f"{raw['messages']} in {raw['seconds']} s "
        f"({1000 / max(raw['per_second'], 0.001):.2f} ms each)"
    )
    messages = max(profiled["messages"], 1)
    print(
        f"  a profiled chunk of {profiled['messages']} messages: {profiled['queries']} queries "
        f"({profiled['queries'] / messages:.1f} a message), {profiled['sql_ms']} ms in SQL "
        f"of {profiled['seconds'] * 1000:.0f} ms"
    )
    for shape, entry in profiled["query_shapes"][:6]:
        print(f"  {entry['ms']:8.1f} ms {entry['n']:6d}x  {shape}")


# The run -----------------------------------------------------------------------


def run(url: str, *, quick: bool) -> dict:
    started = time.monotonic()
    budget = Budget(quick)
    sink = SinkProcess()
    workers = []
    try:
        small, small_marks = prepare("1k", url, SIZES["1k"], sink.port)
        workers.append(small)
        large, large_marks = prepare("100k", url, SIZES["100k"], sink.port)
        workers.append(large)
        mail, _ = prepare("mail", url, SIZES["mail"], sink.port)
        workers.append(mail)
        measured_from = time.monotonic()
        for worker in workers:
            worker.call("login", name="core", email="core@mhap.test")
            worker.call("login", name="admin", email="admin@mhap.test")
        figures, details = {}, {}

        triage = measure_triage(small, large, small_marks, large_marks, budget)
        details["triage"] = triage
        figures["triage_p95_ratio_100k_vs_1k"] = max(c["ratio_100k_vs_1k"] for c in triage.values())
        figures["triage_vs_admin_p95_ratio"] = max(c["ratio_vs_admin"] for c in triage.values())

        details["triage_queries"] = measure_queries(large, large_marks)
        figures["triage_queries_small_vs_large"] = details["triage_queries"]["verdict"]

        log("feedback report: 100 items (1k database) and 10,000 (100k database)")
        report_small = (
            f"/summits/rounds/{small_marks['round']}/papers/{small_marks['paper']}/report/"
        )
        report_large = (
            f"/summits/rounds/{large_marks['round']}/papers/{large_marks['paper']}/report/"
        )
        feedback = compare(
            [(small, "core", report_small), (large, "core", report_large)],
            ["items_100", "items_10k"],
            **budget.rounds(30, min_rounds=8),
        )
        feedback["items"] = {"small": small_marks["feedback"], "large": large_marks["feedback"]}
        feedback["urls"] = {"small": report_small, "large": report_large}
        details["feedback_report"] = feedback
        figures["feedback_report_p95_ratio_10k_vs_100"] = ratio(
            feedback["items_10k"]["p95"], feedback["items_100"]["p95"]
        )

        log("home page and a minimal view, 100k database")
        home = compare(
            [(large, "core", "/"), (large, "core", "/bench/hello/")],
            ["home", "hello"],
            **budget.rounds(15),
        )
        details["home"] = home
        figures["home_p95_ratio_vs_hello"] = ratio(home["home"]["p95"], home["hello"]["p95"])

        log("reminder sweep and the plain smtplib loop")
        details["sweep"] = measure_sweep(mail, sink, quick=quick)
        figures["reminder_sweep_vs_raw_smtp"] = details["sweep"]["ratio"]

        # The slowest of the app's pages measured (the admin is the yardstick).
        pages = [(f"triage at 100k, {name}", cell["urls"]["triage_100k"], cell["triage_100k"])
                 for name, cell in triage.items()]  # fmt: skip
        pages.append(("feedback report, 10,000 items", report_large, feedback["items_10k"]))
        pages.append(("home", "/", home["home"]))
        slowest_name, slowest_url, _ = max(pages, key=lambda page: page[2]["p95"])
        profile = large.call("profile", client="core", url=slowest_url)
        details["slowest_page"] = {"name": slowest_name, "url": slowest_url, **profile}
        slow_triage = max(triage.items(), key=lambda item: item[1]["triage_100k"]["p95"])
        details["slowest_triage_page"] = {
            "name": f"triage at 100k, {slow_triage[0]}",
            "url": slow_triage[1]["urls"]["triage_100k"],
            **large.call("profile", client="core", url=slow_triage[1]["urls"]["triage_100k"]),
        }
        admin_url = max(triage.values(), key=lambda c: c["admin_100k"]["p95"])["urls"]["admin_100k"]
        details["slowest_admin_page"] = {
            "url": admin_url,
            **large.call("profile", client="admin", url=admin_url),
        }
    finally:
        for worker in workers:
            worker.stop()
        sink.stop()
    return {
        "date": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
        "command": "make bench" + (" (python -m bench --quick)" if quick else ""),
        "quick": quick,
        "machine": machine(large_marks["postgresql"]),
        "figures": figures,
        "targets": {
            name: {"target": f"{TARGETS[name][0]} {TARGETS[name][1]}", "met": met(name, value)}
            for name, value in figures.items()
        },
        "seconds": {
            "measuring": round(time.monotonic() - measured_from, 1),
            "total": round(time.monotonic() - started, 1),
        },
        "details": details,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="a sixth of the samples: to try the harness"
    )
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    try:
        databases.check_url(url)
    except databases.NotPostgres:
        print(NO_POSTGRES.format(found=f"it is {url!r}" if url else "it is unset"), file=sys.stderr)
        return 2
    if problem := databases.server_answers(url):
        print(f"make bench: PostgreSQL does not answer at DATABASE_URL: {problem}", file=sys.stderr)
        return 2
    try:
        results = run(url, quick=args.quick)
    except BenchError as error:
        print(f"make bench failed: {error}", file=sys.stderr)
        return 1
    print()
    for name, value in results["figures"].items():
        print(f"{name}: {value}")
    print_profile(
        "slowest page: " + results["details"]["slowest_page"]["name"],
        results["details"]["slowest_page"]["url"],
        results["details"]["slowest_page"],
    )
    if (
        results["details"]["slowest_triage_page"]["url"]
        != results["details"]["slowest_page"]["url"]
    ):
        print_profile(
            results["details"]["slowest_triage_page"]["name"],
            results["details"]["slowest_triage_page"]["url"],
            results["details"]["slowest_triage_page"],
        )
    print_profile("admin yardstick", results["details"]["slowest_admin_page"]["url"],
                  results["details"]["slowest_admin_page"])  # fmt: skip
    print_sweep(results["details"]["sweep"])
    print()
    for name, verdict in results["targets"].items():
        state = {True: "met", False: "MISSED", None: "reported"}[verdict["met"]]
        print(f"target {name} {verdict['target']}: {state}")
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n")
    seconds = results["seconds"]
    print(
        f"\nwritten to {RESULTS.relative_to(ROOT)}; measured in {seconds['measuring']} s, "
        f"{seconds['total']} s in all"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
