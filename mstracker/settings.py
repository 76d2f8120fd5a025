"""Settings for MS Tracker, in one file, read from the environment.

Every value a deployment may change is an environment variable (or a line in a
``.env`` file beside ``manage.py``); the README lists them all. The defaults
make ``make run`` work on a bare machine: SQLite, Celery's filesystem broker,
e-mail on the console. With ``DEBUG`` off (production), a missing or malformed
variable stops the process at start with a message that names it.
"""

import importlib.util
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # local state of the embedded defaults; git-ignored

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default):
    """A boolean variable; anything but a clear yes or no is an error, not False."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name, default):
    raw = env.str(name, default=None)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def env_url(name, default, parse):
    """A URL variable parsed by django-environ, with an error that names the variable."""
    raw = env.str(name, default=default)
    try:
        return parse(raw)
    except (ImproperlyConfigured, KeyError, ValueError) as exc:
        raise ImproperlyConfigured(f"{name} is not a valid URL ({exc}): {raw!r}") from None


def _dev_secret_key():
    """A random key kept in var/ so sessions survive restarts of ``make run``."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _dev_secret_key()
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of at least 50 characters "
            "when DEBUG is off (production)."
        )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "mstracker.admin_apps.StaffAdminConfig",  # django.contrib.admin, staff with 2FA only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    # Third party
    "rest_framework",
    "knox",  # hashed, expiring API tokens (the model is accounts.ApiToken)
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_htmx",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "bootstrap",
    # Ours
    "mstracker.accounts",
    "mstracker.reminders",
    "mstracker.portability",
    "journal",
    "therapies",
    "mstracker.care",  # after journal and therapies: its demo shares their demo data
    "mstracker.health_links",
]

MIDDLEWARE = [
    "mstracker.load_shedding.LoadSheddingMiddleware",  # first: a shed request costs nothing
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "mstracker.api.errors.JsonNotFoundMiddleware",  # before CommonMiddleware's slash redirect
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): two-factor passed
    "django.contrib.messages.middleware.MessageMiddleware",
    "mstracker.accounts.sessions.SessionPolicyMiddleware",  # idle/absolute timeouts
    "mstracker.accounts.two_factor_middleware.TwoFactorMiddleware",
    "mstracker.no_store.NoStoreMiddleware",  # health data is never kept by a cache
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mstracker.nul_guard.NulGuardMiddleware",
    "mstracker.accounts.middleware.UserTimezoneMiddleware",
    # django-axes must come last: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

# Load shedding (mstracker/load_shedding.py): a request that waited longer than this in
# the server's queue gets a fast 503 with Retry-After (0: never shed).
LOAD_SHEDDING = env_bool("LOAD_SHEDDING", True)  # off: neither check (the benchmark's baseline)
LOAD_SHED_QUEUE_MS = env_int("LOAD_SHED_QUEUE_MS", 1000)
LOAD_SHED_RETRY_AFTER = env_int("LOAD_SHED_RETRY_AFTER", 2)

ROOT_URLCONF = "mstracker.urls"
WSGI_APPLICATION = "mstracker.wsgi.application"

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
                "csp.context_processors.nonce",  # {{ CSP_NONCE }} for an inline script
            ],
        },
    }
]
# Bootstrap 5 markup for every form field, from templates/forms/field.html.
FORM_RENDERER = "mstracker.forms.BootstrapFormRenderer"

# --- Data -------------------------------------------------------------------

DATABASES = {
    "default": env_url("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}", env.db_url_config)
}
if importlib.util.find_spec(DATABASES["default"].get("ENGINE") or "-") is None:
    raise ImproperlyConfigured(
        f"DATABASE_URL names an unknown database ({DATABASES['default'].get('ENGINE')!r}); "
        "use postgres://, sqlite:/// or another Django backend."
    )
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env_url("CACHE_URL", "locmemcache://", env.cache_url_config)}
# Redis as cache is optional for every request: its errors are misses, logged once a
# minute, with half-second timeouts (mstracker/cache_backend.py).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "mstracker.cache_backend.OptionalRedisCache"

# --- Accounts and security --------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out user never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "mstracker.accounts.backends.UsernameOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    # First, so a megabyte password is refused before the other rules read it.
    {"NAME": "mstracker.accounts.passwords.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 5.0 6.2.1: at least 12 characters.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lock an account out from one address after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures count per account, however its name or email was spelled.
AXES_USERNAME_CALLABLE = "mstracker.accounts.lockout.account_key"
AXES_LOCKOUT_CALLABLE = "mstracker.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probed over plain HTTP from inside the container
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
# Content Security Policy (django-csp): scripts only from our static files (or an inline
# script with the request's nonce); styles may be inline (Bootstrap's and vega-embed's
# style attributes). The charts run Vega's expression interpreter, so no 'unsafe-eval'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of ours uses (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
X_FRAME_OPTIONS = "DENY"
# Browser sessions end after this long without a request (idle) or since the log-in
# (absolute), whichever comes first; clinicians and staff open other people's records
# from shared computers, patients mostly use their own phone (README "Security").
SESSION_IDLE_MINUTES_PATIENT = env_int("SESSION_IDLE_MINUTES_PATIENT", 3 * 24 * 60)
SESSION_HOURS_PATIENT = env_int("SESSION_HOURS_PATIENT", 14 * 24)
SESSION_IDLE_MINUTES_CLINICIAN = env_int("SESSION_IDLE_MINUTES_CLINICIAN", 30)
SESSION_HOURS_CLINICIAN = env_int("SESSION_HOURS_CLINICIAN", 12)
SESSION_COOKIE_AGE = 60 * 60 * max(SESSION_HOURS_PATIENT, SESSION_HOURS_CLINICIAN)
# Two-factor (django-otp): the name authenticator apps show.
OTP_TOTP_ISSUER = "MS Tracker"
# The admin's address (a path without leading slash); non-staff get a 404 there.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
# API tokens (django-rest-knox): one per device, stored as a SHA-512 digest, expiring.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 30)
API_TOKEN_HOURS_CLINICIAN = env_int("API_TOKEN_HOURS_CLINICIAN", 12)
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations create its default token table even when the model is swapped;
# without them Django creates no table for a swapped model.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),  # ours set each token's expiry themselves
    "AUTH_HEADER_PREFIX": "Token",  # the header clients already send
    "TOKEN_LIMIT_PER_USER": None,
}

# --- Time and language ------------------------------------------------------

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"  # instants are stored in UTC; each patient has their own zone
USE_I18N = True
USE_TZ = True

# --- Static files (served by whitenoise from the Python packages) -----------

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
WHITENOISE_USE_FINDERS = DEBUG  # serve straight from the packages while developing
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "mstracker.staticfinders.VegaBundleFinder",  # vega-embed, built offline by vl-convert
]
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

# --- E-mail -----------------------------------------------------------------

globals().update(env_url("EMAIL_URL", "consolemail://", env.email_url_config))
# The public address used in links inside e-mails (reminders, password resets sent
# by workers), e.g. https://mstracker.example.org; empty: http://127.0.0.1:8000 in
# DEBUG, else https:// and the first of ALLOWED_HOSTS.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="MS Tracker <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- REST API ---------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first so an anonymous request gets 401 with WWW-Authenticate, not 403.
        "mstracker.accounts.api_tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON with a nesting limit and no NUL characters (mstracker/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "mstracker.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "mstracker.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "mstracker.api.schema.ErrorResponsesAutoSchema",
    "EXCEPTION_HANDLER": "mstracker.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="120/hour"),
        "user": env.str("THROTTLE_USER", default="5000/hour"),
        "auth": env.str("THROTTLE_AUTH", default="30/hour"),
        "register": env.str("THROTTLE_REGISTER", default="10/hour"),  # also the sign-up form
        # The password-reset form, per address and per email address typed.
        "password_reset": env.str("THROTTLE_PASSWORD_RESET", default="5/hour"),
        # A SMART Health Link's manifest and file requests, per address.
        "health_link": env.str("THROTTLE_HEALTH_LINK", default="60/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# The largest JSON export `POST /api/v1/import/` accepts (ten years are about 3 MB).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 50) * 2**20

SPECTACULAR_SETTINGS = {
    "TITLE": "MS Tracker API",
    "DESCRIPTION": (
        "Everything a patient records in MS Tracker, owner-scoped. Authenticate with a "
        "session (browser) or `Authorization: Token <token>` from `POST /api/v1/auth/token/`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: they put a link inside each operation's toggle button (nested
    # interactive controls, WCAG 4.1.2).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    # Enums whose field name ("status") other resources use with other choices.
    "ENUM_NAME_OVERRIDES": {
        "ShareStatusEnum": "mstracker.care.models.ShareStatus",
        "SelfTestKindEnum": "journal.models.SelfTestKind",
        "ShareExpiresInDaysEnum": "mstracker.care.scopes.EXPIRY_ENUM",
    },
}

# --- Celery -----------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
# Bounded waits on a Redis broker (seconds): without them a publish, made after a save
# inside the request, waits forever on a Redis that stopped answering without closing
# the connection. A publish is tried twice (mstracker/reminders/enqueue.py).
REDIS_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
CELERY_FILESYSTEM_FOLDER = Path(
    env.str("CELERY_FILESYSTEM_FOLDER", default=str(VAR_DIR / "celery"))
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_FOLDER / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_FOLDER / "queue"),
        "processed_folder": str(CELERY_FILESYSTEM_FOLDER / "processed"),
        "control_folder": str(CELERY_FILESYSTEM_FOLDER / "control"),
        "store_processed": False,
    }
    _default_result_backend = f"file://{CELERY_FILESYSTEM_FOLDER / 'results'}"
elif CELERY_BROKER_URL.startswith("redis"):
    CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS
    _default_result_backend = CELERY_BROKER_URL
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
    _default_result_backend = None
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_default_result_backend)
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_IMPORTS = ["mstracker.tasks"]  # app tasks are autodiscovered; the project's are not
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule")
)
# The beat schedule is data. Exactly one beat runs it (see README "Reminders").
CELERY_BEAT_SCHEDULE = {
    # The reminders dispatcher, at the start of every minute; a tick the worker
    # could not start within 50 s is dropped, the next one catches up.
    "reminders-dispatch": {
        "task": "reminders.dispatch",
        "schedule": crontab(),
        "options": {"expires": 50},
    },
    # Finished deliveries past REMINDERS_KEEP_DAYS, once a day at a quiet hour (UTC).
    "reminders-purge": {
        "task": "reminders.purge",
        "schedule": crontab(hour=3, minute=17),
        "options": {"expires": 6 * 60 * 60},
    },
    # The clinician panel's summaries, recomputed nightly: the safety net behind the
    # refresh after each write (bulk writes, a broker outage).
    "care-summaries-sweep": {
        "task": "care.sweep_summaries",
        "schedule": crontab(hour=2, minute=41),
        "options": {"expires": 6 * 60 * 60},
    },
}
# Days to keep finished reminder deliveries (the send log; inbox messages stay).
REMINDERS_KEEP_DAYS = env_int("REMINDERS_KEEP_DAYS", 90)
if REMINDERS_KEEP_DAYS < 1:
    raise ImproperlyConfigured(f"REMINDERS_KEEP_DAYS must be 1 or more; got {REMINDERS_KEEP_DAYS}")

# --- Logging ----------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "filters": {"client_errors": {"()": "mstracker.log_filters.ClientErrorsWithoutTraceback"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # 4xx answers: one warning line each, no traceback.
        "django.request": {"filters": ["client_errors"]},
        "django.db.backends": {"level": "INFO"},
        "celery": {"level": LOG_LEVEL},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools log every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
