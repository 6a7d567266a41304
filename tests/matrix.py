"""The permission matrix of PRODUCT.md as data: every URL by every role.

Each row names a URL pattern, how to build its URL from the test coalition
(tests/conftest.py), and the status each role gets, in the order of
Coalition.ROLES:

    public  partner  wg_member  wg_chair  other_chair  core  admin

"login" means a redirect to the sign-in page. tests/test_permission_matrix.py
fails when a URL pattern of the project has no row here, so a new page cannot
ship without deciding who may see it. The accessibility test visits every
row that answers 200 with HTML.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

ROLES = ("public", "partner", "wg_member", "wg_chair", "other_chair", "core", "admin")


@dataclass(frozen=True)
class Row:
    url: Callable  # (coalition) -> str
    expect: str  # seven statuses, one per role, separated by spaces
    html: bool = True  # False for plain-text or file responses (no accessibility check)

    def statuses(self) -> dict[str, str]:
        cells = self.expect.split()
        if len(cells) != len(ROLES):
            raise ValueError(f"{self.expect!r} needs {len(ROLES)} cells, one per role")
        return dict(zip(ROLES, cells, strict=True))


EVERYONE = "200 200 200 200 200 200 200"
MEMBERS = "login 200 200 200 200 200 200"
OWN_WORKGROUP = "login 403 200 200 403 200 200"
MANAGERS_OF_WORKGROUP = "login 403 403 200 403 200 200"
CORE_AND_ADMIN = "login 403 403 403 403 200 200"
ADMIN_ONLY = "login 403 403 403 403 403 200"


MATRIX: dict[str, Row] = {
    "home": Row(lambda c: reverse("home"), EVERYONE),
    "healthz": Row(lambda c: reverse("healthz"), EVERYONE, html=False),
    "workgroups:list": Row(lambda c: reverse("workgroups:list"), EVERYONE),
    "workgroups:detail": Row(
        lambda c: reverse("workgroups:detail", kwargs={"slug": c.workgroup.slug}), EVERYONE
    ),
}

# Third-party URL trees, exempt from the matrix. Each has its reason.
EXEMPT_PREFIXES = {
    "django-admin/": "The Django admin: staff-only by Django's own checks; its login goes "
    "through allauth (tests/mhap/test_admin_login.py).",
    "accounts/": "django-allauth's account pages: public by nature (sign in, reset a "
    "password) or guarded by allauth itself; tested in tests/members/test_accounts.py.",
    "media/": "Uploaded files, served by Django only with DEBUG on.",
    "static/": "Static files, served by whitenoise.",
}
