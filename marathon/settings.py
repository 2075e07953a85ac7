"""One settings module for every environment, read from environment variables.

The defaults are those of a laptop: SQLite under var/, tasks run in-process,
e-mails written as files under var/mail/. Production sets DATABASE_URL,
REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and DEBUG=0 (see the README).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.contrib.messages import constants as message_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# The key signs every e-mailed link and session. A key anyone can read in this repository
# would let them forge those links, so it is only ever used with DEBUG on (a laptop);
# the Makefile gives the tests and the benches keys of their own.
_LAPTOP_KEY = "insecure-local-development-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _LAPTOP_KEY if DEBUG else "")
if not DEBUG and (SECRET_KEY == _LAPTOP_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (at least 32 characters; "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=1 on a laptop."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, which it extends with a field per language.
    "modeltranslation",
    "marathon.admin_apps.MarathonAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "sorl.thumbnail",
    "marathon.apps.SignInAttemptsConfig",  # axes
    "django_otp",
    "marathon.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "marathon",
    "cases",
    "petitions",
    "kits",
    "marathon.tally",
    "marathon.outbox",
]

MIDDLEWARE = [
    "marathon.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # High up, so that answers given by the middleware below (a form refused for its
    # charset) carry it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "marathon.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that renders or resolves: the URL patterns of a language need it.
    "marathon.middleware.LanguageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "marathon.middleware.FormBodyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, so that it sees the outcome of the login views.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marathon.urls"
WSGI_APPLICATION = "marathon.wsgi.application"

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
                "marathon.context_processors.site",
                "marathon.context_processors.languages",
            ],
        },
    },
]

# --- Security -------------------------------------------------------------------
# Proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
# The largest multipart body a public page accepts: its forms take no files (the admin does).
PUBLIC_FORM_MAX_BYTES = env_int("PUBLIC_FORM_MAX_BYTES", 64 * 1024)
# HTTPS=1 in production (behind a TLS-terminating proxy that sets X-Forwarded-Proto).
HTTPS = env_bool("HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz(/emails)?$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 63_072_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script anywhere: every script is a file under static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}

# --- Database -----------------------------------------------------------------
# Postgres in production (DATABASE_URL=postgres://...); SQLite for a newcomer.
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Covering indexes are a Postgres feature; SQLite on a laptop just goes without.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # Off by default: a health check is a SELECT 1 round trip at the start of every
        # request that uses the database (~13% of a signature's time). Without it, after
        # Postgres restarts, each process's first request on its dead connection gets the
        # 503 "try again" page and the connection is replaced at the end of that request.
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", default=False),
    )
}
# A pool per process instead of one persistent connection per thread: the web server
# (granian) ends idle threads, and a connection left in a finished thread is never closed
# (they piled up in Postgres). With the pool a request hands its connection back when it
# ends, whatever becomes of its thread. `python -m marathon.serve` turns it on, sized to
# its threads; Celery's processes keep one persistent connection each.
DB_POOL_SIZE = env_int("DB_POOL_SIZE", 0)
if DB_POOL_SIZE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": DB_POOL_SIZE,
        "max_size": DB_POOL_SIZE,
        # A request waits this long for a connection before the 503 "try again" page.
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker --------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "mdl"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without Redis there is no worker: tasks run in-process so the site still works.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
# A worker killed mid-task must not lose it: acknowledge after the task ran.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request publishing a task must fail fast when Redis is down (kombu's default
# retries for seconds, holding the request): what had to be done is in the database and
# a periodic sweep does it once Redis is back. Workers and beat drop these options when
# they start (marathon.celery): they have no request waiting, and should wait out an
# outage. (Not the cause of a prefork worker exiting during an outage: that is a kombu
# bug found by a fault test, still open; systemd restarts the worker meanwhile.)
BROKER_FAIL_FAST_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
# visibility_timeout: how long a task taken by a worker that died unacknowledged waits
# before Redis hands it to another worker. Longer than the longest task. Workers look
# for such tasks every few seconds (one cheap Redis query), not kombu's ~100 s.
_visibility_timeout = env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility_timeout,
    "unacked_restore_interval": max(1, min(10, _visibility_timeout // 3)),
    "unacked_restore_throttle": 1,
    **BROKER_FAIL_FAST_OPTIONS,
}
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "marathon")
# The counts' roll-up has a queue of its own, which every worker also consumes (a worker
# reads all of task_queues unless given -Q): behind a backlog of thousands of e-mails on
# the TV night it would otherwise wait its turn, and the counts would fall minutes behind.
_counts_queue = f"{CELERY_TASK_DEFAULT_QUEUE}-counts"
# The e-mails people are waiting for (a confirmation link, an order, their data) likewise:
# not behind a batch of PDFs or an embassy's pack on the default queue.
_mail_queue = f"{CELERY_TASK_DEFAULT_QUEUE}-mail"
# Each queue with its own routing key: sharing one would copy every task into both.
CELERY_TASK_QUEUES = [
    Queue(CELERY_TASK_DEFAULT_QUEUE, routing_key=CELERY_TASK_DEFAULT_QUEUE),
    Queue(_counts_queue, routing_key=_counts_queue),
    Queue(_mail_queue, routing_key=_mail_queue),
]
CELERY_TASK_ROUTES = {
    "petitions.tasks.rollup_counts": {"queue": _counts_queue},
    "marathon.outbox.tasks.sweep": {"queue": _mail_queue},
    "marathon.outbox.tasks.send_emails": {"queue": _mail_queue},
}
CELERY_TIMEZONE = "Europe/Brussels"

# --- Internationalisation --------------------------------------------------------
# French first, then Dutch and English (issue 20). Every public page lives under its
# language's prefix (/fr/, /nl/, /en/; marathon.urls); marathon.middleware.LanguageMiddleware
# reads that prefix, and nothing else, so a signature pays for one string split, not for
# LocaleMiddleware's resolving of the path (4 % of a signature's CPU when it was measured).
# marathon/formats gives French and English Belgium's formats (the admin's short dates are
# 04.12.2026); Dutch has its own, which are Belgium's.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("nl", _("Dutch")), ("en", _("English"))]
# Staff content (modeltranslation): French is the version every page falls back to.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "nl", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["marathon.formats"]
# The language a visitor last read in, for the bare / (marathon.middleware.LanguageMiddleware).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and media files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
# Without a collected, hashed build, WhiteNoise serves straight from static/.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0
# Portraits above this size are refused in the admin, before Pillow opens them.
MAX_PHOTO_BYTES = env_int("MAX_PHOTO_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

THUMBNAIL_PRESERVE_FORMAT = False
THUMBNAIL_FORMAT = "JPEG"
THUMBNAIL_QUALITY = 82
THUMBNAIL_DEBUG = False
# sorl's key-value store goes through a cache first, so a card costs no query: each
# process's own memory, since a thumbnail's name never changes what it shows (an upload never
# overwrites a file). A Redis round trip per portrait was a tenth of a case page's CPU.
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
CACHES["thumbnails"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "thumbnails",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
THUMBNAIL_CACHE = "thumbnails"
# A thumbnail whose file went (media restored from an old backup) is looked up again within
# the hour; kits/printing.py makes it again at once.
THUMBNAIL_CACHE_TIMEOUT = 3600

# --- E-mail ------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Marathon des lettres <marathon@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Auth ----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
OTP_TOTP_ISSUER = "Marathon des lettres"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username from one address after repeated failures (admin and counting desk
# share the admin login). Locking by username alone would let anyone lock staff out.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "marathon/locked_out.html"
# The same client address the rate limits use (X-Forwarded-For only behind TRUSTED_PROXIES):
# keyed on the proxy's address, anyone could lock any staff account out for everyone.
AXES_CLIENT_IP_CALLABLE = "marathon.lib.ratelimit.client_ip"
AXES_USERNAME_CALLABLE = "marathon.two_factor.lockout_username"
ADMIN_URL = env_str("ADMIN_URL", "admin/").strip("/") + "/"

# --- Forms ---------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Organisation shown on pages and documents ------------------------------------
ORGANISATION_NAME = env_str("ORGANISATION_NAME", "Amnesty International Belgique francophone")
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "vie-privee@example.org")
# The legal footer's company number (Belgium: BCE/KBO), as the seed page prints it.
ORGANISATION_COMPANY_NUMBER = env_str("ORGANISATION_COMPANY_NUMBER", "BCE 0418 308 144")

# LOG_FORMAT=json in production: one JSON object a line, each with the request id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "marathon.middleware.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env_str("LOG_FORMAT") == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    # Signers' names and e-mails must not leave for a third party.
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0.0)

# Serve uploaded media from Django itself (portraits). Fine for one box; a larger
# deployment lets nginx or object storage do it and sets SERVE_MEDIA=0.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)

# Bootstrap names the error style "danger".
MESSAGE_TAGS = {message_constants.ERROR: "danger"}

# Public pages served whole from the cache to visitors without a session, for this many
# seconds (marathon/lib/pagecache.py). Needs the shared Redis cache: with a per-process
# cache an edit would not reach the other processes, so it is off without REDIS_URL.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 2 if REDIS_URL else 0)

# The benchmark's floor (bench/__main__.py): a view that touches neither the database
# nor the cache, mounted only when BENCH_FLOOR=1, never in production.
BENCH_FLOOR = env_bool("BENCH_FLOOR", default=False)

# --- Petitions ------------------------------------------------------------------------


def env_limit(name: str, default: str) -> tuple[int, int]:
    """A rate limit written "COUNT/SECONDS", e.g. "60/600"."""
    count, _slash, seconds = env_str(name, default).partition("/")
    return int(count), int(seconds or 60)


# Rate limits "COUNT/SECONDS". A school class signing from one address stays well under
# the per-IP limit; a load test from one address raises both (see bench/sign.py).
PETITIONS_RATE_PER_IP = env_limit("PETITIONS_RATE_PER_IP", "60/600")
# Past a per-address limit a form asks for proof of a person rather than refusing
# (marathon/lib/proof.py): thousands of phones can share one IPv4 address behind a
# carrier's NAT. Only past these limits is the address refused.
PETITIONS_RATE_PER_IP_WITH_PROOF = env_limit("PETITIONS_RATE_PER_IP_WITH_PROOF", "3000/600")
# How long a challenge may be answered, and the proof of work's cost (PBKDF2 rounds per
# try; about 256 tries: a second or so on a phone).
FORM_PROOF_MINUTES = env_int("FORM_PROOF_MINUTES", 20)
FORM_PROOF_COST = env_int("FORM_PROOF_COST", 5000)
PETITIONS_RATE_PER_EMAIL = env_limit("PETITIONS_RATE_PER_EMAIL", "10/3600")
PETITIONS_MAX_CONFIRMATION_EMAILS = env_int("PETITIONS_MAX_CONFIRMATION_EMAILS", 5)
PETITIONS_CONFIRM_LINK_DAYS = env_int("PETITIONS_CONFIRM_LINK_DAYS", 7)
PETITIONS_ERASE_LINK_DAYS = env_int("PETITIONS_ERASE_LINK_DAYS", 730)
# The unsubscribe link put in every news e-mail (the export gives one per subscriber).
NEWS_UNSUBSCRIBE_LINK_DAYS = env_int("NEWS_UNSUBSCRIBE_LINK_DAYS", 3650)
PETITIONS_UNCONFIRMED_DAYS = 7
# Confirmation e-mails leave within seconds (beat's sweep every second, then a worker);
# one waiting longer than this means beat, the workers or the mail server are stuck:
# /healthz/emails answers 503 and the admin's home page warns staff.
OUTBOX_ALERT_SECONDS = env_int("OUTBOX_ALERT_SECONDS", 300)

# --- Personal data ----------------------------------------------------------------------
# How long the links sent to someone who asks to see or erase their data stay valid.
PERSONAL_DATA_LINK_DAYS = env_int("PERSONAL_DATA_LINK_DAYS", 7)
# The link organisers get after their marathon to report what it wrote.
MARATHON_REPORT_LINK_DAYS = env_int("MARATHON_REPORT_LINK_DAYS", 120)
# Signers' names are kept this long after their campaign's letters were handed over.
SIGNATURE_RETENTION_DAYS = env_int("SIGNATURE_RETENTION_DAYS", 365)
PERSONAL_DATA_RATE_PER_IP = env_limit("PERSONAL_DATA_RATE_PER_IP", "10/3600")
PERSONAL_DATA_RATE_PER_IP_WITH_PROOF = env_limit("PERSONAL_DATA_RATE_PER_IP_WITH_PROOF", "100/3600")
# Link e-mails one mailbox receives, whoever asks from wherever.
PERSONAL_DATA_RATE_PER_EMAIL = env_limit("PERSONAL_DATA_RATE_PER_EMAIL", "3/3600")
# The handover pack's annex is laid out this many names at a time: WeasyPrint's memory
# grows with the rows of one render, so this bounds the worker's, whatever the embassy.
HANDOVER_ANNEX_ROWS_PER_PART = env_int("HANDOVER_ANNEX_ROWS_PER_PART", 1000)

# --- Kit orders and the shipping desk --------------------------------------------------
# Shipping labels carry home addresses: they are kept outside MEDIA_ROOT (served
# publicly) and staff download them through the admin. Empty: `private/` beside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = env_str("PRIVATE_MEDIA_ROOT")
# Home addresses are forgotten this long after the kit was shipped (or the order cancelled).
KIT_ORDER_RETENTION_DAYS = env_int("KIT_ORDER_RETENTION_DAYS", 180)
# The "this was not me" link in a kit order's confirmation e-mail.
KIT_ORDER_NOT_ME_LINK_DAYS = env_int("KIT_ORDER_NOT_ME_LINK_DAYS", 60)
# Everyone who ordered a kit gets one reminder this many days before the letters
# deadline; its "stop reminders" link works this long.
KIT_REMINDER_DAYS_BEFORE = env_int("KIT_REMINDER_DAYS_BEFORE", 7)
KIT_REMINDERS_STOP_LINK_DAYS = env_int("KIT_REMINDERS_STOP_LINK_DAYS", 400)
# Kit orders accepted per address (IPv4, or IPv6 /64) and per mailbox, as COUNT/SECONDS:
# each kit costs postage, and each order e-mails the address typed in.
KIT_ORDERS_RATE_PER_IP = env_limit("KIT_ORDERS_RATE_PER_IP", "10/3600")
KIT_ORDERS_RATE_PER_IP_WITH_PROOF = env_limit("KIT_ORDERS_RATE_PER_IP_WITH_PROOF", "100/3600")
KIT_ORDERS_RATE_PER_EMAIL = env_limit("KIT_ORDERS_RATE_PER_EMAIL", "3/86400")
# Label sheets are printed on the day; their files go after this.
KIT_LABELS_RETENTION_DAYS = env_int("KIT_LABELS_RETENTION_DAYS", 30)

# --- Letter tally ---------------------------------------------------------------------
# More than this in one envelope is taken for a typing error; a school's parcel is
# entered as several batches.
TALLY_MAX_PER_ENVELOPE = env_int("TALLY_MAX_PER_ENVELOPE", 5000)
# How long a volunteer may undo the batch they just recorded.
TALLY_UNDO_SECONDS = env_int("TALLY_UNDO_SECONDS", 300)
# The public counts are rebuilt this often by Celery beat, never per page view.
TALLY_RESULTS_REFRESH_SECONDS = env_int("TALLY_RESULTS_REFRESH_SECONDS", 30)

# --- Periodic tasks (one beat process runs them) ---------------------------------------
# Frequent runs expire, so that a worker coming back after an outage does not work
# through a pile of runs that the next one supersedes.
CELERY_BEAT_SCHEDULE = {
    "petitions-rollup-counts": {
        "task": "petitions.tasks.rollup_counts",
        "schedule": 1.0,
        "options": {"expires": 5},
    },
    # Every e-mail is handed to the workers by this sweep, not by the request that
    # queued it (see marathon.outbox.services.outbox_dispatch): a supporter waits a second.
    "outbox-sweep": {
        "task": "marathon.outbox.tasks.sweep",
        "schedule": 1.0,
        "options": {"expires": 5},
    },
    "outbox-purge-sent": {"task": "marathon.outbox.tasks.purge_sent", "schedule": crontab(minute=23)},
    "petitions-purge-unconfirmed": {
        "task": "petitions.tasks.purge_unconfirmed_signatures",
        "schedule": crontab(minute=17),
    },
    "petitions-reconcile-counts": {
        "task": "petitions.tasks.reconcile_counts",
        "schedule": crontab(hour=3, minute=30),
    },
    # Report requests after marathons.
    "kits-queue-report-requests": {"task": "kits.tasks.queue_report_requests", "schedule": 15 * 60},
    "kits-queue-reminders": {"task": "kits.tasks.queue_reminders", "schedule": 15 * 60},
    # PDFs (printable kits, label sheets, embassy packs) whose task a broker outage lost.
    "requeue-lost-worker-files": {
        "task": "marathon.tasks.requeue_lost_worker_files",
        "schedule": 5 * 60,
        "options": {"expires": 4 * 60},
    },
    "kits-erase-expired": {"task": "kits.tasks.erase_expired_orders", "schedule": crontab(hour=4, minute=10)},
    "marathon-forget-personal-data-requests": {
        "task": "marathon.tasks.forget_personal_data_requests",
        "schedule": crontab(minute=29),
    },
    "tally-refresh-results": {
        "task": "marathon.tally.tasks.refresh_results",
        "schedule": TALLY_RESULTS_REFRESH_SECONDS,
        "options": {"expires": TALLY_RESULTS_REFRESH_SECONDS},
    },
    # Signers' names, SIGNATURE_RETENTION_DAYS after every embassy got its pack.
    "tally-erase-signatures-after-handover": {
        "task": "marathon.tally.tasks.erase_signatures_after_handover",
        "schedule": crontab(minute=41),
    },
    # Outdated PDFs are never served; their rows and files are deleted every six hours.
    "prune-printable-documents": {"task": "kits.tasks.prune_printable_documents", "schedule": 6 * 60 * 60},
}

# --- Printable kits (PDFs made by Celery) ---------------------------------------------
# WeasyPrint narrates every step at INFO; its warnings (a refused URL, a missing glyph) still show.
LOGGING["loggers"]["weasyprint.progress"] = {"level": "WARNING"}
