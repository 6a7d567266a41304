import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import EXEMPT_PREFIXES, MATRIX, ROLES


def iter_patterns(patterns, prefix="", namespace=""):
    """Yield (route, qualified name) for every URL pattern of the project."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            child_namespace = namespace
            if entry.namespace:
                child_namespace = f"{namespace}{entry.namespace}:"
            yield from iter_patterns(entry.url_patterns, route, child_namespace)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield route, name


def project_url_names():
    names = set()
    unnamed = []
    for route, name in iter_patterns(get_resolver().url_patterns):
        if any(route.startswith(prefix) for prefix in EXEMPT_PREFIXES):
            continue
        if name is None:
            unnamed.append(route)
        else:
            names.add(name)
    return names, unnamed


def test_every_url_pattern_has_a_matrix_row():
    names, unnamed = project_url_names()

    assert unnamed == [], "name these URL patterns so the matrix can refer to them"
    assert sorted(names - set(MATRIX)) == [], "add these URL names to tests/matrix.py"
    assert sorted(set(MATRIX) - names) == [], "tests/matrix.py names URLs that do not exist"


def test_matrix_cells_are_well_formed():
    for row in MATRIX.values():
        assert set(row.statuses().values()) <= {"200", "302", "403", "404", "410", "login"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(url_name, role, coalition, client_as):
    row = MATRIX[url_name]
    client = client_as(coalition.user(role))

    response = row.request(client, row.url(coalition), coalition)

    expected = row.statuses()[role]
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    elif expected == "302":
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == int(expected)
