"""Time the triage page and its neighbours on whatever database DATABASE_URL names.

    DATABASE_URL=postgres://.../mhap_bench DEBUG=1 python manage.py seed_demo --scale 100000
    DATABASE_URL=postgres://.../mhap_bench DEBUG=1 python -m bench.triage

Prints, per URL, the median and 95th percentile of the server-side time over
repeated requests (Django's test client: no network, no browser) and the
number of queries. A measurement, not a test: it asserts nothing.
"""

import os
import statistics
import sys
import time

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mhap.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from issues.models import Issue
    from members.models import User

    repeat = int(os.environ.get("BENCH_REPEAT", "15"))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="core@mhap.test"))
    some_issue = Issue.objects.order_by("-pk").values_list("pk", flat=True).first()
    urls = [
        "/issues/",
        "/issues/?status=proposed&term=short",
        "/issues/?q=988",
        "/issues/?q=parit&sort=-impact",
        "/issues/?workgroup=2&impact_min=4&sort=title",
        "/issues/?sort=owner&page=500",
        f"/issues/{some_issue}/?status=proposed&sort=-impact",
        "/workgroups/",
    ]
    print(f"{Issue.objects.count()} issues on {connection.vendor}; {repeat} requests per URL")
    print(f"{'url':<55} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for url in urls:
        client.get(url)  # warm caches
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                print(f"{url}: HTTP {response.status_code}", file=sys.stderr)
                return 1
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(f"{url:<55} {statistics.median(timings):>10.1f} {p95:>8.1f} {len(queries):>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
