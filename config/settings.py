"""The one settings module. Everything that differs between machines comes from the environment.

With nothing set it runs on embedded defaults: SQLite in the project folder, Celery tasks run
in-process, DEBUG on. `DATABASE_URL` and `CELERY_BROKER_URL` switch to real services.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# Only for local development; a production run (DEBUG off) refuses to start with it.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything unrecognised is an error, not a silent False."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: the development key is refused when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
# The site's public address (scheme and host, no path): feeds build their absolute links and their ids from it, so
# that a reader's stored ids do not depend on the host it fetched a feed from.
SITE_URL = (os.environ.get("SITE_URL") or "http://localhost:8000").rstrip("/")
if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?", SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL must be a scheme and host such as https://tracker.example.org, not {SITE_URL!r}."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "editorial.apps.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_celery_beat",
    "editorial",
    "people",
    "initiatives",
    "meetings",
    "sources",
    "ingestion",
    "articles",  # migrations only: the tables sources/ and ingestion/ took over
    "demo",
    "website",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "releases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A sample (LIMIT without ORDER BY: the facet counts past FACET_SAMPLE matches) starts at the table's first
    # row. With synchronized scans PostgreSQL starts each scan of a large table where the last one stopped,
    # and the counts a reader saw changed on every reload.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c synchronize_seqscans=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The list's sort indexes also hold the facet keys (INCLUDE, PostgreSQL), so that a filtered page is found in the
# index alone. SQLite indexes the key columns only, and warned so on every migrate of `make run`: it reads the same
# rows either way.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Django 6 reads scheme-less URLs typed into forms as https; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security: strict unless DEBUG. Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=1.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed over plain HTTP by load balancers inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Cache: per process by default; CACHE_URL (redis://...) shares it between processes, as rate limits need.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Celery: with no broker configured, tasks run in-process, synchronously (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_TIMEOUT = 5
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker keeps its database connection across tasks (Celery closes it after each task otherwise,
# which costs a new PostgreSQL session per article); config.celery drops a broken or old one, as
# Django does between requests.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TIMEZONE = TIME_ZONE
# Periodic tasks live in the database (django-celery-beat), so editors change schedules in the admin.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Ingestion: fetching untrusted URLs. Loopback, private, link-local and other non-public addresses
# are refused; INGEST_ALLOW_LOOPBACK lets the tests' own local HTTP server through, nothing else.
# Say who we are; a deployment adds a contact address or URL here so that publishers can reach it.
INGEST_USER_AGENT = os.environ.get("INGEST_USER_AGENT", "InitiativeTracker/0.1 (news ingestion for policy research)")
INGEST_TIMEOUT = float(os.environ.get("INGEST_TIMEOUT", "15"))
INGEST_MAX_BYTES = env_int("INGEST_MAX_BYTES", 5_000_000)
INGEST_MAX_REDIRECTS = env_int("INGEST_MAX_REDIRECTS", 5)
INGEST_FETCH_RETRIES = env_int("INGEST_FETCH_RETRIES", 2)
INGEST_RETRY_BACKOFF = float(os.environ.get("INGEST_RETRY_BACKOFF", "1.0"))
INGEST_ALLOW_LOOPBACK = env_bool("INGEST_ALLOW_LOOPBACK", False)
INGEST_STUCK_AFTER_MINUTES = env_int("INGEST_STUCK_AFTER_MINUTES", 15)
# Runs of the fetch and link steps an ingestion may start before it is given up: a page that stops its worker
# every time (killed, or past the hard time limit) is then failed with an error, not queued again by every sweep.
INGEST_MAX_ATTEMPTS = env_int("INGEST_MAX_ATTEMPTS", 8)
INGEST_FEED_MAX_BACKOFF_HOURS = env_int("INGEST_FEED_MAX_BACKOFF_HOURS", 24)
# How often (seconds) the linker checks whether names changed; 0 checks before every article.
INGEST_LINKER_CHECK_SECONDS = float(os.environ.get("INGEST_LINKER_CHECK_SECONDS", "10"))
# A mention the linker is less sure of than this (0 to 1) is offered to editors as a suggestion, not linked.
INGEST_LINK_THRESHOLD = float(os.environ.get("INGEST_LINK_THRESHOLD", "0.7"))

# Partners' API (/api/v1/): API keys in X-API-Key, JSON through orjson, CSV and NDJSON dumps, one error shape.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.APIKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.KeyOrAnonymousRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.OrjsonRenderer",
        "api.renderers.NDJSONRenderer",
        "api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.APIAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}
# Anonymous reads, per client address; each key's own limit is set in the admin.
API_ANONYMOUS_RATE = os.environ.get("API_ANONYMOUS_RATE", "60/minute")
# Unknown keys, per client address: each costs a database lookup; past it, that address's keys are refused unread.
API_UNKNOWN_KEY_RATE = os.environ.get("API_UNKNOWN_KEY_RATE", "10/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Initiative Tracker API",
    "DESCRIPTION": (
        "Published, sourced records of government initiatives, the officials and meetings behind them, and the "
        "articles that prove each fact. Records are identified by UUID; lists are cursor-paginated (follow "
        "`next`), filterable, and available as CSV or NDJSON with `?format=csv|ndjson`. Dates carry their "
        'precision: {"date": "2024-10", "precision": "month"}. `/changes/` lists every publish, '
        'update, withdrawal and merge in order. Errors share one shape: {"error": {"code", "message", '
        '"details"}}.'
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Swagger UI from this app (drf-spectacular-sidecar), asking no other host for anything: no online validator
    # badge (an image from validator.swagger.io, sent our schema's address). No ReDoc: its bundle loads the
    # Redocly logo from cdn.redoc.ly whatever its options, and drf-spectacular's page for it, Google Fonts.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AmountQualifierEnum": "initiatives.models.AmountQualifier",
        "IngestionStatusEnum": "api.ingest.STATUSES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.closed_references",
        "api.schema.bulk_formats",
        "api.schema.write_links",
        "api.asof.as_of_payload",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per HTTP request is noise at INFO; the pipeline records what it fetched itself.
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}
