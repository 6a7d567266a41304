"""The Hub's own apps, for tests that must see every model or form of them:
the installed apps whose code lives in this checkout (not in the virtualenv)."""

from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings


def project_apps() -> list[AppConfig]:
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.relative_to(base).parts:
            found.append(config)
    return found
