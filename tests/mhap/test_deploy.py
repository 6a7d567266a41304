"""Production configuration: check --deploy, the SECRET_KEY guard, docker-compose."""

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-" + "x7Qp2vL9sT4wZ8mN1bR6yC3dF5gH0jK2" * 2,
    "ALLOWED_HOSTS": "hub.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://hub.example.org",
    "DATABASE_URL": "postgres://mhap:secret@127.0.0.1:5432/mhap",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
# Variables a developer's or CI's shell may carry that would weaken production.
TEST_ONLY = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for the live server
)


def manage(*args, env):
    clean = {key: value for key, value in os.environ.items() if key not in TEST_ONLY}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.audit
def test_check_deploy_passes_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.audit
def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.audit
def test_check_deploy_reports_a_weak_production_setting():
    env = {**PRODUCTION_ENV, "SESSION_COOKIE_SECURE": "0"}

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stderr + result.stdout


@pytest.fixture
def docker_compose():
    executable = shutil.which("docker-compose")
    if executable is None:
        message = "docker-compose is not installed (Debian: apt-get install docker-compose)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return executable


def compose(executable, *args):
    env = {
        **os.environ,
        "SECRET_KEY": "compose-check",
        "POSTGRES_PASSWORD": "compose-check",
        "ALLOWED_HOSTS": "hub.example.org",
    }
    return subprocess.run(
        [executable, "-f", "docker-compose.yml", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_docker_compose_file_is_valid(docker_compose):
    result = compose(docker_compose, "config", "-q")

    assert result.returncode == 0, result.stderr


def test_docker_compose_runs_one_django_definition_with_health_checks(docker_compose):
    config = yaml.safe_load(compose(docker_compose, "config").stdout)
    services = config["services"]

    django_services = [services[name] for name in ("web", "worker", "beat")]
    assert {service["image"] for service in django_services} == {"mhap-hub:latest"}
    assert all(
        service["environment"]["REDIS_URL"] == "redis://redis:6379/0" for service in django_services
    )
    assert all(
        any(str(volume).startswith("uploads:") for volume in service["volumes"])
        for service in django_services
    )
    assert {"web", "worker", "postgres", "redis"} <= {
        name for name, service in services.items() if "healthcheck" in service
    }
