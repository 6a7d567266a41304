"""The app's settings as production runs them, with what a benchmark needs
on top: the bench-only URLs (a minimal view, a tuned admin of issues) and
no HTTPS redirect, since the test client speaks plain HTTP in process.

The workers of `python -m bench` run with DEBUG off, so pages render as in
production (no query log unless a profile asks for one)."""

from mhap.settings import *  # noqa: F403 -- the app's settings, then ours

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The manifest storage needs `collectstatic` first; the URLs it makes are
# looked up once and cached, so the plain storage costs the pages the same.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ADMIN_MFA_REQUIRED = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
