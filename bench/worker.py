"""One benchmark database's process: `python -m bench.worker`, started by
`python -m bench` with DATABASE_URL naming that database.

It answers one JSON request per line on stdin with one JSON line on the
protocol channel (the process's original stdout; anything the app prints
goes to stderr instead). Requests: build the data, sign people in, time one
page request with Django's test client, profile a page's queries, run a
chunk of the reminder sweep. Timing happens here, around the request alone,
so the pipe to the coordinator costs the figures nothing."""

import datetime
import json
import os
import sys
import time


def _protocol_channel():
    """Keep the real stdout for answers; point everything else at stderr."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return channel


class Worker:
    def __init__(self):
        from django.test import Client

        self.client_class = Client
        self.clients = {}

    # Data --------------------------------------------------------------------

    def build(self, *, issues: int, members: int, feedback: int, seed: int = 2024) -> dict:
        """Migrate, seed the demo coalition and N generated issues exactly as
        `seed_demo --scale` does (mhap.demo), then what the other figures need
        on top (bench/datasets.py says what and why)."""
        from django.core.management import call_command

        from bench import datasets
        from issues.models import Issue
        from mhap.demo import seed_demo_coalition, seed_scale_issues

        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        seed_demo_coalition()
        generated = max(0, issues - Issue.objects.count())
        seed_scale_issues(generated)
        datasets.tag_generated_issues(seed=seed)
        people = datasets.add_members(members, seed=seed)
        given = datasets.add_feedback(people, feedback, seed=seed) if feedback else 0
        return {
            "issues": Issue.objects.count(),
            "members": len(people),
            "feedback": given,
            "seconds": round(time.monotonic() - started, 1),
        }

    def describe(self) -> dict:
        """What the coordinator needs to build its URLs on this database."""
        from django.db import connection

        from bench import datasets
        from issues.models import Issue

        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0]
        return {
            "issues": Issue.objects.count(),
            "postgresql": version,
            **datasets.landmarks(),
        }

    def count_rows(self, *, query: str) -> int:
        """How many issues the triage page lists for this query string."""
        from django.http import QueryDict

        from issues.filters import IssueFilter
        from issues.selectors import triage_queryset

        return IssueFilter(QueryDict(query), queryset=triage_queryset()).qs.count()

    # Pages -------------------------------------------------------------------

    def login(self, *, name: str, email: str) -> dict:
        from members.models import User

        client = self.client_class(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(email=email))
        self.clients[name] = client
        return {"ok": True}

    def get(self, *, client: str, url: str) -> dict:
        """One request, timed from the test client's call to the last byte of
        the rendered response (middleware, view, queries and template)."""
        started = time.perf_counter()
        response = self.clients[client].get(url)
        content = response.content if not response.streaming else b"".join(response)
        elapsed = (time.perf_counter() - started) * 1000
        return {"ms": elapsed, "status": response.status_code, "bytes": len(content)}

    def profile(self, *, client: str, url: str, repeat: int = 3) -> dict:
        """Where a page's time goes: every query with its time, and the rest
        (Python: middleware, view, template). The fastest of `repeat` runs,
        so a stray pause does not pose as template time."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        best = None
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = self.clients[client].get(url)
                _ = response.content
                total = (time.perf_counter() - started) * 1000
            if best is None or total < best["total_ms"]:
                queries = [
                    {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"]}
                    for q in captured.captured_queries
                ]
                best = {"total_ms": round(total, 2), "status": response.status_code,
                        "queries": queries}  # fmt: skip
        best["sql_ms"] = round(sum(q["ms"] for q in best["queries"]), 2)
        best["python_ms"] = round(best["total_ms"] - best["sql_ms"], 2)
        return best

    def queries(self, *, client: str, url: str) -> dict:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = self.clients[client].get(url)
        return {"queries": len(captured.captured_queries), "status": response.status_code}

    # The reminder sweep ------------------------------------------------------

    def sweep_setup(self) -> dict:
        """A summit whose day-before reminder fell due a moment ago: the sweep
        plans one reminder per active member and sends them."""
        from bench import datasets

        datasets.remove_bench_summits()
        summit = datasets.add_bench_summit(now=datetime.datetime.now(tz=datetime.UTC))
        return {"summit": summit.pk, "members": datasets.active_members()}

    def sweep_chunk(self, *, limit: int, profile: bool = False) -> dict:
        """The real sweep (reminders.tasks.sweep runs engine.sweep; `limit`
        lets the coordinator alternate it with the plain loop in chunks).
        With `profile`, its queries and the functions it spends its time in
        (slower: that chunk is left out of the figure)."""
        from reminders import engine

        if not profile:
            started = time.perf_counter()
            counts = engine.sweep(limit=limit)
            return {"seconds": time.perf_counter() - started, "counts": counts}

        import cProfile
        import io
        import pstats

        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            counts = profiler.runcall(engine.sweep, limit=limit)
            seconds = time.perf_counter() - started
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
        shapes = {}
        for query in captured.captured_queries:
            shape = " ".join(query["sql"].split())[:70]
            entry = shapes.setdefault(shape, {"n": 0, "ms": 0.0})
            entry["n"] += 1
            entry["ms"] += float(query["time"]) * 1000
        return {
            "seconds": seconds,
            "counts": counts,
            "queries": len(captured.captured_queries),
            "sql_ms": round(sum(e["ms"] for e in shapes.values()), 1),
            "query_shapes": sorted(shapes.items(), key=lambda item: -item[1]["ms"])[:10],
            "profile": text.getvalue(),
        }

    def sweep_cleanup(self) -> dict:
        from bench import datasets

        return {"removed": datasets.remove_bench_summits()}


def main() -> int:
    channel = _protocol_channel()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    worker = Worker()
    for line in sys.stdin:
        request = json.loads(line)
        operation = request.pop("op")
        if operation == "quit":
            break
        try:
            answer = {"ok": True, "result": getattr(worker, operation)(**request)}
        except Exception as error:  # the coordinator reports it and stops
            import traceback

            traceback.print_exc()
            answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        channel.write(json.dumps(answer, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
