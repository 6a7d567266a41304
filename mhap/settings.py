"""Settings for MHAP Hub, driven by the environment.

One file for every place the app runs. The defaults are the embedded setup a
newcomer gets from `make run` (SQLite, console email, a filesystem Celery
broker); production sets DATABASE_URL, REDIS_URL, SECRET_KEY and friends.
Every variable read here is listed in the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

# The data directory holds the SQLite file, the filesystem broker and uploads
# in the embedded setup. Production points MEDIA_ROOT at a shared volume.
VAR_DIR = Path(env("MHAP_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value in production, "
            "or set DEBUG=1 for local development (`make run` does)."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105 -- DEBUG only

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

COALITION_NAME = env("COALITION_NAME", "Wisconsin Mental Health Action Partnership")
COALITION_SHORT_NAME = env("COALITION_SHORT_NAME", "MHAP")
COALITION_TAGLINE = env(
    "COALITION_TAGLINE",
    "A broad, sustainable coalition that aspires toward equitable access and continuous "
    "improvement in integrated mental health care throughout the state.",
)
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Optional: `manage.py refresh_legislators` reads legislators from Open States with it.
OPENSTATES_API_KEY = env("OPENSTATES_API_KEY", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "members",
    "workgroups",
    "issues",
    "summits",
    "learning_sessions",
    "reminders",
    "mhap",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "members.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mhap.middleware.MethodNotAllowedPage",
]

ROOT_URLCONF = "mhap.urls"
WSGI_APPLICATION = "mhap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "mhap.context_processors.coalition",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands otherwise
# (production: postgres://user:password@host:5432/name, served by psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mhap.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and the Celery worker share the file without
    # "database is locked" on every write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and broker: Redis when REDIS_URL is set, otherwise a local-memory cache
# and kombu's filesystem transport, so reminders work without any server.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "mhap"),
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_DIR = Path(env("CELERY_BROKER_DIR", str(VAR_DIR / "broker")))
    for folder in ("queue", "control"):
        (CELERY_BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }

CELERY_TIMEZONE = "UTC"
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged only when it has finished: a worker that dies
# mid-task leaves it on the broker for the next worker. Late, never lost.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# When the broker drops, a running task's acknowledgement has nowhere to go:
# Celery 5.7 then fails with AttributeError and the worker exits. Tasks running
# at that moment are stopped instead (as Celery 6 will by default) and run again
# from the broker; every task here is idempotent. mhap/celery.py's consumer
# covers the other half, closing the lost connection.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_CONSUMER = "mhap.celery:Consumer"
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", "mhap")
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = False
# Reminders and notifications (reminders/engine.py). Lead times are minutes
# before the event; admins change them in the app (/reminders/lead-times/).
REMINDER_LEAD_TIMES = {
    "summit": [7 * 24 * 60, 24 * 60],
    "meeting": [24 * 60, 60],
    "learning_session": [24 * 60, 60],
    "round_closing": [3 * 24 * 60, 24 * 60],
    "action_item": [24 * 60],
    "advocacy_follow_up": [24 * 60],
}
# Beat runs the sweep this often; a sweep sends for at most this long.
REMINDER_SWEEP_SECONDS = envint("REMINDER_SWEEP_SECONDS", 60)
# Reminders are planned this far ahead of falling due, and each plan looks
# back this far for changes (a member who just joined, a meeting just moved).
REMINDER_PLAN_AHEAD_SECONDS = envint("REMINDER_PLAN_AHEAD_SECONDS", 120)
REMINDER_PLAN_OVERLAP_SECONDS = envint("REMINDER_PLAN_OVERLAP_SECONDS", 120)
# A sweep leases the batch it claims; if it dies, the lease runs out and the
# next sweep sends the rest. Longer than the SMTP timeout.
REMINDER_LEASE_SECONDS = envint("REMINDER_LEASE_SECONDS", 120)
REMINDER_BATCH_SIZE = envint("REMINDER_BATCH_SIZE", 100)
# A message the mail server refuses for now is tried again after 1, 2, 4 ...
# minutes, and marked failed after this many attempts.
REMINDER_MAX_ATTEMPTS = envint("REMINDER_MAX_ATTEMPTS", 6)
REMINDER_RETRY_SECONDS = envint("REMINDER_RETRY_SECONDS", 60)
# The daily digest of notifications goes out at this hour in each person's zone.
REMINDER_DIGEST_HOUR = envint("REMINDER_DIGEST_HOUR", 7)

# The whole coalition's data as one archive (mhap/exports/): its download link
# works this many hours after it is ready; then beat deletes the file.
EXPORT_TTL_HOURS = envint("EXPORT_TTL_HOURS", 24)

CELERY_BEAT_SCHEDULE = {
    "extend-meeting-series": {
        "task": "workgroups.tasks.extend_meeting_series",
        "schedule": 6 * 60 * 60,
    },
    "send-reminders": {
        "task": "reminders.tasks.sweep",
        "schedule": REMINDER_SWEEP_SECONDS,
        # A sweep that could not start within its interval is replaced by the next.
        "options": {"expires": REMINDER_SWEEP_SECONDS},
    },
    # Deletes expired export archives and fails builds that stopped moving.
    "sweep-exports": {
        "task": "mhap.tasks.sweep_exports",
        "schedule": 15 * 60,
        "options": {"expires": 15 * 60},
    },
}

# Email (Django 6.1 mailers): the app sends through Django's mail API with
# the "default" mailer, which writes each message to the outbox (a Delivery
# row, in the same transaction as the change it tells of); the reminder sweep
# hands it to the "delivery" mailer.
# EMAIL_DELIVERY_BACKEND: console (default), smtp, file, or a dotted path.
EMAIL_DELIVERY_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    # Django's, keeping long header lines (List-Unsubscribe) whole: reminders/smtp.py
    "smtp": "reminders.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
_delivery_backend = env("EMAIL_DELIVERY_BACKEND", "console")
_delivery_backend = EMAIL_DELIVERY_BACKENDS.get(_delivery_backend, _delivery_backend)
_delivery_options = {}
if _delivery_backend == EMAIL_DELIVERY_BACKENDS["smtp"]:
    _delivery_options = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 25),
        "username": env("EMAIL_HOST_USER"),
        "password": env("EMAIL_HOST_PASSWORD"),
        "use_tls": envbool("EMAIL_USE_TLS", False),
        "use_ssl": envbool("EMAIL_USE_SSL", False),
        "timeout": envint("EMAIL_TIMEOUT", 30),
    }
elif _delivery_backend == EMAIL_DELIVERY_BACKENDS["file"]:
    _delivery_options = {"file_path": env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))}
MAILERS = {
    "default": {"BACKEND": "reminders.mail.OutboxEmailBackend"},
    "delivery": {"BACKEND": _delivery_backend, "OPTIONS": _delivery_options},
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"{COALITION_SHORT_NAME} Hub <hub@mhap.test>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = envlist("ADMINS")

# Accounts: email is the login; django-allauth handles sign-in, rate limits
# (in the cache above) and never tells whether an address has an account.
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, spelled out so the limits are visible in one place.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    # The public "request to join" form.
    "join_request": "5/h/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{COALITION_SHORT_NAME}] "
# Sign in with a code sent by email, as an alternative to a password.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# One address per person; a new one is verified before it replaces the old.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = envint("REAUTHENTICATION_TIMEOUT", 300)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = f"{COALITION_SHORT_NAME} Hub"
# Admins change who may do what: their accounts need a second factor before
# they reach the members pages. `make run` turns this off for the demo.
ADMIN_MFA_REQUIRED = envbool("ADMIN_MFA_REQUIRED", True)

INVITATION_EXPIRY_DAYS = envint("INVITATION_EXPIRY_DAYS", 14)
# Meetings of a series exist as rows this far ahead; beat extends them daily.
MEETING_HORIZON_DAYS = envint("MEETING_HORIZON_DAYS", 180)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Stored in UTC; shown in the coalition's zone unless a person chose theirs.
TIME_ZONE = env("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads are never served from MEDIA_ROOT: each reaches people through a view
# that checks who may have it (learning_sessions.views.download).
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads to learning sessions (slides, captions), checked by content. A proxy
# in front must accept bodies at least this large.
SESSION_SLIDES_MAX_BYTES = envint("SESSION_SLIDES_MAX_BYTES", 50 * 1024 * 1024)
SESSION_CAPTIONS_MAX_BYTES = envint("SESSION_CAPTIONS_MAX_BYTES", 5 * 1024 * 1024)

# Security. With DEBUG off the secure defaults apply; a TLS-terminating proxy
# in front sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# The preload flag only allows submitting the domain to browsers' preload list;
# submitting stays the domain owner's decision.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# No inline script or style anywhere: every script and stylesheet is a file
# under static/. Anything else the browser refuses.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
    },
}
