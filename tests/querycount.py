"""The query count of a list page must not grow with its rows."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries), [query["sql"] for query in context.captured_queries]


def assert_constant_queries(
    client, url: str, add_rows: Callable[[int], object], small: int = 2, large: int = 20
) -> int:
    """Render `url` with `small` rows, then with `large`; the counts must match.

    `add_rows(n)` adds n more rows of whatever the page lists. Returns the count.
    """
    add_rows(small)
    client.get(url)  # warm per-process caches (content types, sessions) out of the count
    few, few_sql = count_queries(client, url)
    add_rows(large - small)
    many, many_sql = count_queries(client, url)
    assert many == few, (
        f"{url}: {few} queries with {small} rows, {many} with {large}.\n"
        + "\n".join(sql for sql in many_sql if sql not in few_sql)
    )
    return few
