"""Settings, driven by environment variables so one code path serves laptop, CI and production.

ALONGSIDE_MODE chooses the defaults: ``demo`` (SQLite, a key of its own in var/, email to the
console and the demo's mail page), ``test`` (used by pytest) or ``production`` (the default:
every secret must be given).
"""

from __future__ import annotations

import os
import secrets

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from alongside.config.paths import BASE_DIR, demo_secret_key_file, var_dir

SRC_DIR = BASE_DIR / "src" / "alongside"
VAR_DIR = var_dir()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


MODE = os.environ.get("ALONGSIDE_MODE", "production")
if MODE not in {"demo", "test", "production"}:
    raise ImproperlyConfigured("ALONGSIDE_MODE must be demo, test or production.")
PRODUCTION = MODE == "production"

# Off in the demo too: it shows the product as people meet it, with our own error pages.
DEBUG = env_bool("DJANGO_DEBUG", default=False)


def demo_secret_key() -> str:
    """The demo's own key, made on first start and kept in var/ (the web server, the worker
    and every later command read the same one)."""
    path = demo_secret_key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(secrets.token_urlsafe(50))
    except FileExistsError:
        pass  # made by an earlier start, or by the worker starting at the same moment
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable (50 or more random characters)."
        )
    SECRET_KEY = demo_secret_key() if MODE == "demo" else "insecure-test-key-" + "x" * 40

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "alongside.core",
    "alongside.govuk",
    "alongside.home",
    "alongside.accounts",
    "alongside.api",
    "alongside.notices",
    "alongside.initiatives",
    "alongside.credits",
    "alongside.voice",
    "alongside.decisions",
    "alongside.safeguarding",
    "alongside.budgeting",
    "alongside.governance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "alongside.config.edges.EdgeHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "alongside.govuk.untranslated.UntranslatedMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "alongside.accounts.middleware.SessionActivityMiddleware",
    "alongside.accounts.middleware.ActorMiddleware",
    "alongside.accounts.middleware.StaffTwoFactorMiddleware",
    "alongside.accounts.middleware.GrowingUpMiddleware",
    "alongside.config.edges.RefuseNulMiddleware",
]

ROOT_URLCONF = "alongside.config.urls"
WSGI_APPLICATION = "alongside.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "alongside.config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "alongside.govuk.context_processors.shell",
            ],
        },
    },
    {
        # Only for Django's own error pages and the plain-text recovery codes download.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'alongside.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_SQLITE),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker share the file without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "alongside.accounts.auth_backends.ModelBackend",
    "alongside.accounts.auth_backends.VerifiedEmailBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Flash messages name people ("Sam has been added"): keep them server-side, not in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers check health over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGES = [("en-gb", _("English")), ("cy", _("Cymraeg"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# GOV.UK Frontend's compiled files, copied from node_modules by `make vendor`.
VENDOR_DIR = VAR_DIR / "vendor"
STATICFILES_DIRS = [("govuk-frontend", VENDOR_DIR / "govuk-frontend")]
# The compiled GOV.UK CSS asks for its fonts and images at /assets/..., so serve them at the root.
WHITENOISE_ROOT = VENDOR_DIR / "webroot"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Photos young people and workers upload: no base URL, so never served (core/files.py).
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "private", "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if MODE == "test"
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = MODE != "production"
# Every Django test client builds the middleware afresh, and WhiteNoise would list every static
# file each time (a tenth of the permission matrix's time); under test it looks a file up when
# it is asked for instead.
WHITENOISE_AUTOREFRESH = MODE == "test"

# Content security: nothing inline without the per-request nonce, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    {
        "production": "django.core.mail.backends.smtp.EmailBackend",
        # Printed, and kept in var/mail for the demo's mail page (/demo/mail/).
        "demo": "alongside.home.demo_mail.DemoEmailBackend",
        "test": "django.core.mail.backends.console.EmailBackend",
    }[MODE],
)
# Only the demo has a mail page; production never routes it (home/urls.py).
DEMO_MAIL_DIR = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Alongside <no-reply@alongside.invalid>")

# --- Notices: email, texts and GOV.UK Notify (docs/notifications.md) -----------------------
# SMTP, for the "smtp" and production "email" backends (Django's defaults: localhost:25).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# How the daily digest is sent: "email" (EMAIL_BACKEND: the console and the demo's mail page
# in the demo, SMTP in production), "console", "smtp", or "notify" (GOV.UK Notify).
ALONGSIDE_MESSAGES_BACKEND = os.environ.get("ALONGSIDE_MESSAGES_BACKEND", "email")
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_TEXT_TEMPLATE_ID = os.environ.get("NOTIFY_TEXT_TEMPLATE_ID", "")
# Where people open the link in a digest (no request to take it from: a scheduled job sends).
ALONGSIDE_SITE_URL = os.environ.get(
    "ALONGSIDE_SITE_URL",
    {"production": "", "demo": "http://127.0.0.1:8000", "test": "http://testserver"}[MODE],
)
# --- end of notices settings ---------------------------------------------------------------

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if MODE == "test":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Sign-in (django-allauth). Young people have no email, so usernames sign in too.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:index"
ACCOUNT_ADAPTER = "alongside.accounts.adapters.AccountAdapter"
MFA_ADAPTER = "alongside.accounts.adapters.MFAAdapter"
# Password reset links work for 3 days (staff invitations: ALONGSIDE_STAFF_INVITATION_DAYS).
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
ACCOUNT_FORMS = {
    "login": "alongside.accounts.signin_forms.SignInForm",
    "change_password": "alongside.accounts.signin_forms.PassphraseChangeForm",
    # Ours only to give allauth's text boxes the lengths of their columns.
    "reset_password": "alongside.accounts.signin_forms.ResetRequestForm",
    "reset_password_from_key": "alongside.accounts.signin_forms.ResetFromKeyForm",
    "reauthenticate": "alongside.accounts.signin_forms.PassphraseReauthenticateForm",
}
# Behind a load balancer, rate limits must key on the visitor's address, not the balancer's.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
# allauth's own verification flows stay off (there is no sign-up and no email page): joining
# mails its own link (accounts.tasks.email_verification_send), and until it is opened the
# address can neither sign in (VerifiedEmailBackend) nor recover the account (the adapter).
ACCOUNT_EMAIL_VERIFICATION = "none"
# Nobody can sign up by email, so a reset asked for an unknown address sends nothing (allauth
# would mail a sign-up link) and the page says the same as for a known one.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Our emails' subjects are ours: no "[127.0.0.1:8000]" from the site's name.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Rates keyed "key" count per (account, address) and "_account" ones per account, and only
# tries the first let through reach the second (accounts/web.py, check_rate_per_account; the
# adapter for sign-in): nobody can lock a named child out from another address, and a room of
# young people on one youth club's wifi is never locked out by the per-address rates.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "100/5m/ip,5/5m/key",
    "login_failed_account": "100/h/key",
    "login": "120/m/ip",
    "reset_password": "20/m/ip,3/m/key",
    "change_password": "5/m/user",
    # Our own: join codes are 8 letters from 29, so even these rates never find one by chance.
    "join_code": "60/m/ip,300/h/ip",
    # Per (join session, address): the answer "that username is taken" tells who is here.
    "join_username": "10/m/key,40/h/key",
    # Workers' reset codes: per (username, address), then more slowly per username.
    "reset_code": "100/5m/ip,5/5m/key",
    "reset_code_account": "30/h/key",
    # Receipt codes are 12 characters from 32 (60 bits), so no rate finds one by chance: these
    # keep a script from trying them in bulk, per (round, address) and then per round. A room
    # of 30 on one youth club's wifi checking theirs after the results stays well inside.
    "receipt_check": "60/m/key,600/h/key",
    "receipt_check_round": "6000/h/key",
    # Voucher codes are 8 characters from 27: per (partner's account, address), then per account.
    "voucher_check": "30/m/key,300/h/key",
    "voucher_check_account": "1000/h/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    # Ours only to give allauth's code boxes a length limit and our error messages.
    "authenticate": "alongside.accounts.signin_forms.TwoFactorCodeForm",
    "reauthenticate": "alongside.accounts.signin_forms.TwoFactorReauthenticateForm",
    "activate_totp": "alongside.accounts.signin_forms.TwoFactorActivateForm",
}
MFA_TOTP_ISSUER = "Alongside"
# "Last used" is shown; accounts.middleware.SessionActivityMiddleware keeps it (not allauth's).
USERSESSIONS_TRACK_ACTIVITY = True

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # "Not Found: /consent/<token>/": secrets in paths are replaced before anything is written.
    "filters": {"redact_paths": {"()": "alongside.config.accesslog.RedactPathsFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_paths"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Join codes are short-lived and few: these are the defaults a worker can change per code.
ALONGSIDE_JOIN_CODE_DAYS = 14
ALONGSIDE_JOIN_CODE_MAX_USES = 30
ALONGSIDE_RESET_CODE_HOURS = 24
ALONGSIDE_STAFF_INVITATION_DAYS = 3
ALONGSIDE_PARENT_CONSENT_DAYS = 14

# safeguarding (issue 13): how long designated leads have to pick up a concern before the
# organisation's admins are told (`alongside safeguarding escalate`).
SAFEGUARDING_ACKNOWLEDGE_WITHIN_HOURS = int(
    os.environ.get("SAFEGUARDING_ACKNOWLEDGE_WITHIN_HOURS", "24")
)
# end safeguarding

# The audit trail's links and heads are MACs under this key, which the database never holds:
# someone who can write to the database but does not have it cannot rewrite the trail unseen
# (docs/adr/0008-audit-trail-keyed-and-per-organisation.md). Demo and test only derive one
# from SECRET_KEY, so `make demo` needs no extra setting.
AUDIT_KEY = os.environ.get("AUDIT_KEY", "")
if not AUDIT_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set the AUDIT_KEY environment variable (50 or more random characters, kept apart "
            "from the database and its backups)."
        )
    AUDIT_KEY = "derived-from-secret-key:" + SECRET_KEY
# Where `alongside audit checkpoint` appends each chain's head, outside the database (empty:
# print only). `alongside audit verify` checks the trail still passes through every line.
AUDIT_CHECKPOINT_FILE = os.environ.get("AUDIT_CHECKPOINT_FILE", "")
# A mistyped audit action fails loudly in demo and tests; in production the event is kept.
AUDIT_STRICT_ACTIONS = not PRODUCTION

# Themes and answers: a published contribution with no answer after this many working days
# (weekends and England and Wales bank holidays skipped) is flagged on the staff home page.
VOICE_ANSWER_WITHIN_WORKING_DAYS = int(os.environ.get("VOICE_ANSWER_WITHIN_WORKING_DAYS", "20"))
