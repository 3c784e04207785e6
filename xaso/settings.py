"""Settings for Xã số: one module, driven by environment variables.

Defaults suit one commune on one small machine (SQLite in WAL mode, local files, a
database-backed task worker). A province deployment sets DATABASE_URL to PostgreSQL
and XASO_TASK_BACKEND=rq. Every variable is read through xaso.env, which refuses bad
values instead of guessing.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from xaso.env import env_bool, env_choice, env_int, env_list, env_str
from xaso.headers.inline import SCRIPT_HASHES

BASE_DIR = Path(__file__).resolve().parent.parent
# Relative paths are taken from the project directory, whatever the working directory.
DATA_DIR = BASE_DIR / env_str("XASO_DATA_DIR", "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("XASO_DEBUG", default=False)
SECRET_KEY = env_str("XASO_SECRET_KEY")
ALLOWED_HOSTS = env_list("XASO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
BASE_URL = env_str("XASO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("XASO_CSRF_TRUSTED_ORIGINS", [BASE_URL])

INSTALLED_APPS = [
    # First: its log-in signal handlers run before xaso.signin's, which reads the lock-out they decide.
    "axes",
    # Xã số, one app per noun of the domain
    "xaso.vi",
    "xaso.accounts",
    "xaso.units",
    "xaso.access",
    "xaso.audit",
    "xaso.plans",
    "xaso.portal",
    "xaso.registers",
    "xaso.activities",
    "xaso.indicators",
    "xaso.demo",
    "xaso.backoffice",
    "xaso.documents",
    "xaso.channels",
    "xaso.villages",
    "xaso.learning",
    "xaso.honours",
    "xaso.notifications",
    "xaso.reporting",
    "xaso.outreach",
    "xaso.funding",
    "xaso.reviews",
    "xaso.operations",
    "xaso.inputs",
    "xaso.signin",
    "xaso.headers",  # before wagtail.admin: its templates replace Wagtail's inline scripts
    "xaso.intake",
    "xaso.onboarding",
    "xaso.adminvi",  # before wagtail.admin: its templates override a few of Wagtail's
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # second factor (TOTP and one-time backup codes)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    # background tasks
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # The headers every answer carries, pages served from the page cache included: above it.
    "django.middleware.security.SecurityMiddleware",
    "xaso.headers.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before anything reads a request's body: the size cap of its address (xaso/inputs/limits.py).
    "xaso.inputs.limits.RequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files come pre-compressed) and above the page cache, which keeps one
    # plain copy of a page and lets each reader get it compressed or not.
    "xaso.compression.TextGZipMiddleware",
    "xaso.portal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Leaders, programme owners, province viewers and superusers reach the back office only
    # after the second factor (xaso/signin/middleware.py).
    "xaso.signin.middleware.SecondFactorMiddleware",
    # Who may reach each URL at all, as xaso/access/policy.py declares (after the second factor's
    # gate: a person who has not given it is anonymous there).
    "xaso.access.middleware.AccessMiddleware",
    # Who is acting, for the audit trail of every write this request makes.
    "xaso.audit.recording.AuditContextMiddleware",
    # Formsets sent incomplete are refused before any view builds them (xaso/inputs/formsets.py).
    "xaso.inputs.formsets.FormsetGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a lock-out decided during authentication into the Vietnamese lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xaso.urls"
WSGI_APPLICATION = "xaso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "xaso" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite (WAL) for one commune, PostgreSQL for a province.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'xaso.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("XASO_DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the task worker writes; IMMEDIATE
        # transactions take the write lock up front instead of failing mid-way.
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any attempt for a locked account or address before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "xaso.units.backends.RoleBackend",
]
# Argon2 first; a PBKDF2 hash still verifies and is rewritten with Argon2 at the next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
# Vietnamese password rules (xaso/signin/passwords.py), for every place a password is set.
PASSWORD_MIN_LENGTH = env_int("XASO_PASSWORD_MIN_LENGTH", 10)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "xaso.signin.passwords.SimilarityValidator"},
    {"NAME": "xaso.signin.passwords.LengthValidator", "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": "xaso.signin.passwords.CommonValidator"},
    {"NAME": "xaso.signin.passwords.NumericValidator"},
]
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# Log-in throttling (django-axes): this many wrong passwords for one account, or from one
# address, lock both for XASO_LOGIN_LOCK_MINUTES after the last of them; attempts during the
# lock, the right password included, are refused and do not extend it.
LOGIN_FAILURE_LIMIT = env_int("XASO_LOGIN_FAILURE_LIMIT", 30)
LOGIN_LOCK_MINUTES = env_int("XASO_LOGIN_LOCK_MINUTES", 30)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCK_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Failures are forgotten only when the lock time has passed since them, never by a successful log-in:
# otherwise anyone with an account could wipe an address's count with their own password.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "xaso.signin.views.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "xaso.signin.services.client_address"
# xaso.signin keeps its own log of every log-in (LoginEvent, read per commune).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Second factor (django-otp, TOTP): required of leaders, programme owners, province viewers
# and superusers before any back-office page; anyone else may set it up from the account page.
REQUIRE_2FA = env_bool("XASO_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = env_str("XASO_OTP_ISSUER", "Xã số")

# Vietnamese first.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first input formats for Vietnamese (xaso/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["xaso.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "xaso" / "static"]
# Files that only their readers may download (generated reports): never under MEDIA_ROOT.
PRIVATE_ROOT = Path(env_str("XASO_PRIVATE_ROOT", str(DATA_DIR / "private")))
# Object storage (S3-compatible) when XASO_S3_BUCKET is set: every app server of a province then
# shares the same files. Otherwise local disk. One bucket, one prefix per storage.
S3_BUCKET = env_str("XASO_S3_BUCKET", "")
S3_OPTIONS = {
    "bucket_name": S3_BUCKET,
    "endpoint_url": env_str("XASO_S3_ENDPOINT_URL", "") or None,
    "access_key": env_str("XASO_S3_ACCESS_KEY_ID", ""),
    "secret_key": env_str("XASO_S3_SECRET_ACCESS_KEY", ""),
    "region_name": env_str("XASO_S3_REGION", "us-east-1"),
    "addressing_style": env_choice("XASO_S3_ADDRESSING", "path", ("path", "virtual")),
    "signature_version": "s3v4",
    # Never overwrite: Wagtail and the protected storage rely on a new name for a new file.
    "file_overwrite": False,
    "default_acl": None,
    # Short-lived signatures: they are only used by nginx for protected files (see access/files.py).
    "querystring_expire": env_int("XASO_S3_URL_SECONDS", 60),
}
if S3_BUCKET:
    STORAGES = {
        "default": {
            "BACKEND": "xaso.operations.storage.MediaS3Storage",
            "OPTIONS": {**S3_OPTIONS, "location": "media"},
        },
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**S3_OPTIONS, "location": "private"}},
        "protected": {
            "BACKEND": "xaso.operations.storage.ProtectedS3Storage",
            "OPTIONS": {**S3_OPTIONS, "location": "protected"},
        },
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_ROOT}},
        # Uploads only their readers may download (evidence, proposals): xaso/access/files.py.
        "protected": {"BACKEND": "xaso.access.storage.ProtectedStorage"},
    }
# Hashed, pre-compressed files for serving; tests read the sources directly.
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if env_bool("XASO_STATIC_MANIFEST", default=True)
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Uploaded evidence and proposals, served only through /tep/ to those who may read their row.
PROTECTED_ROOT = Path(env_str("XASO_PROTECTED_ROOT", str(DATA_DIR / "protected")))
# "django" streams the file; "accel" lets nginx send it from its internal location (deploy/nginx).
PROTECTED_SERVE = env_choice("XASO_PROTECTED_SERVE", "django", ("django", "accel"))
PROTECTED_ACCEL_PREFIX = env_str("XASO_PROTECTED_ACCEL_PREFIX", "/_protected/")
# With object storage nginx fetches the file itself from a short-lived signed address (internal
# location, deploy/nginx): the browser never sees the store, and no app worker waits on a slow reader.
PROTECTED_ACCEL_S3_PREFIX = env_str("XASO_PROTECTED_ACCEL_S3_PREFIX", "/_protected_s3/")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("XASO_MEDIA_ROOT", str(DATA_DIR / "media")))
# One commune on one machine has no separate file server: Django serves uploads.
SERVE_MEDIA = env_bool("XASO_SERVE_MEDIA", default=True)
# Uploads over 2.5 MB go to a temporary file, not memory; the form around them (a page's body
# included) may carry 5 MB. Caps by address and per kind of file: xaso/inputs/limits.py.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024 // 2
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "xaso.inputs.limits.FileSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Background tasks: the Django Tasks API; database backend by default, RQ for scale.
TASK_BACKEND = env_choice("XASO_TASK_BACKEND", "db", ("db", "rq", "immediate"))
REDIS_URL = env_str("XASO_REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    # django-tasks-rq's backend, enqueuing on commit (xaso/operations/tasks_rq.py).
    "rq": "xaso.operations.tasks_rq.OnCommitRQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASK_QUEUES = ["default", "publishing", "documents", "intake"]
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND], "QUEUES": TASK_QUEUES}}
if TASK_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {name: {"URL": REDIS_URL} for name in TASK_QUEUES}

# Onboarding (xaso.onboarding): how long a one-time set-up link lets a person set their password.
SETUP_LINK_DAYS = env_int("XASO_SETUP_LINK_DAYS", 7)
if not 1 <= SETUP_LINK_DAYS <= 60:
    raise ImproperlyConfigured("XASO_SETUP_LINK_DAYS phải từ 1 đến 60 (ngày).")

# Documents (Decree 30/2020 DOCX, PDF through LibreOffice headless, XLSX annexes).
DOCUMENTS_SOFFICE = env_str("XASO_SOFFICE", "soffice")
DOCUMENTS_PDF_TIMEOUT = env_int("XASO_PDF_TIMEOUT", 120)

# Publishing channels (xaso.channels). Remote endpoints are settings so that tests and the
# demo point them at local fake servers speaking the same protocols.
FACEBOOK_GRAPH_URL = env_str("XASO_FACEBOOK_GRAPH_URL", "https://graph.facebook.com").rstrip("/")
FACEBOOK_GRAPH_VERSION = env_str("XASO_FACEBOOK_GRAPH_VERSION", "v23.0")
ZALO_OAUTH_URL = env_str("XASO_ZALO_OAUTH_URL", "https://oauth.zaloapp.com").rstrip("/")
ZALO_API_URL = env_str("XASO_ZALO_API_URL", "https://openapi.zalo.me").rstrip("/")
CHANNEL_HTTP_TIMEOUT = env_int("XASO_CHANNEL_HTTP_TIMEOUT", 30)
# Blank: derived from SECRET_KEY. Set it to keep credentials readable across secret-key changes.
CREDENTIALS_KEY = env_str("XASO_CREDENTIALS_KEY", "")
# A worker that claims a delivery holds it this long; longer than any HTTP timeout.
DELIVERY_LEASE_SECONDS = env_int("XASO_DELIVERY_LEASE_SECONDS", 300)
DELIVERY_BACKOFF_SECONDS = env_int("XASO_DELIVERY_BACKOFF_SECONDS", 30)
DELIVERY_MAX_ATTEMPTS = env_int("XASO_DELIVERY_MAX_ATTEMPTS", 8)
DELIVERY_THROTTLE_SECONDS = env_int("XASO_DELIVERY_THROTTLE_SECONDS", 300)
# Facebook's error 368 (Page temporarily blocked): wait at least this long, doubling per attempt.
DELIVERY_BLOCKED_SECONDS = env_int("XASO_DELIVERY_BLOCKED_SECONDS", 3600)
# The province's Facebook app, used when a Page's account has no App ID / App Secret of its own:
# the connect flow exchanges short-lived tokens with it, and every call carries appsecret_proof.
FACEBOOK_APP_ID = env_str("XASO_FACEBOOK_APP_ID", "")
FACEBOOK_APP_SECRET = env_str("XASO_FACEBOOK_APP_SECRET", "")
# The address at which Zalo (and Facebook) fetch covers and pictures: it must be public. Blank:
# XASO_BASE_URL. A local or private address is refused with a message instead of a silent failure.
CHANNEL_PUBLIC_URL = env_str("XASO_PUBLIC_BASE_URL", "").rstrip("/") or BASE_URL
# Zalo creates an article asynchronously: look for its id every ZALO_ARTICLE_POLL_SECONDS (through
# the task queue), up to ZALO_ARTICLE_MAX_WAIT_SECONDS; after an unanswered creation, wait
# ZALO_ARTICLE_SETTLE_SECONDS for it to appear in the OA's list before creating it again.
ZALO_ARTICLE_POLL_SECONDS = env_int("XASO_ZALO_ARTICLE_POLL_SECONDS", 15)
ZALO_ARTICLE_MAX_WAIT_SECONDS = env_int("XASO_ZALO_ARTICLE_MAX_WAIT_SECONDS", 1800)
ZALO_ARTICLE_SETTLE_SECONDS = env_int("XASO_ZALO_ARTICLE_SETTLE_SECONDS", 600)
# The daily token check: warn this many days before a token expires; refresh a Zalo OA whose
# single-use refresh token (valid 3 months) has fewer days left than ZALO_REFRESH_AHEAD_DAYS.
CHANNEL_TOKEN_WARN_DAYS = env_int("XASO_CHANNEL_TOKEN_WARN_DAYS", 7)
ZALO_REFRESH_AHEAD_DAYS = env_int("XASO_ZALO_REFRESH_AHEAD_DAYS", 30)
# Loudspeaker speech: espeak-ng offline, or a hosted Vietnamese text-to-speech service.
SPEECH_BACKEND = env_choice("XASO_SPEECH_BACKEND", "espeak", ("espeak", "hosted"))
SPEECH_VOICE = env_str("XASO_SPEECH_VOICE", "vi")
SPEECH_URL = env_str("XASO_SPEECH_URL", "https://api.zalo.ai").rstrip("/")
SPEECH_API_KEY = env_str("XASO_SPEECH_API_KEY", "")

# Whole pages of the portal for anonymous readers (xaso/portal/pagecache.py), cleared on every
# publication. "file" is shared by the web server's worker processes on one machine; a province
# with several machines uses "redis"; "memory" suits a single process; "off" turns it off.
PAGE_CACHE = env_choice("XASO_PAGE_CACHE", "file", ("off", "file", "memory", "redis"))
PAGE_CACHE_SECONDS = 0 if PAGE_CACHE == "off" else env_int("XASO_PAGE_CACHE_SECONDS", 600)
_PAGE_CACHES = {
    "file": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache" / "pages",
    },
    "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "xaso"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": _PAGE_CACHES.get(PAGE_CACHE, {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}),
}
# Front nginx caches (deploy/nginx) told at once when the generation changes, e.g. http://127.0.0.1.
FRONT_CACHE_URLS = env_list("XASO_FRONT_CACHE_URLS", [])
# Counting readers (xaso/portal/reach.py): where the reader's address is. Behind a reverse proxy
# that sets X-Real-IP, use HTTP_X_REAL_IP; the address only enters the day's salted digest.
READER_IP_HEADER = env_str("XASO_READER_IP_HEADER", "REMOTE_ADDR")

EMAIL_BACKEND = env_str("XASO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("XASO_DEFAULT_FROM_EMAIL", "Xã số <khong-tra-loi@xaso.local>")

# Transport security. A province server behind HTTPS sets XASO_SSL_REDIRECT=1,
# XASO_SECURE_COOKIES=1 and XASO_HSTS_SECONDS=31536000 (see README, Configuration); a
# commune machine on plain HTTP keeps the defaults.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("XASO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("XASO_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("XASO_HSTS_SECONDS", 0)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured(f"XASO_HSTS_SECONDS={SECURE_HSTS_SECONDS}: cần một số giây không âm.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("XASO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("XASO_HSTS_PRELOAD", default=False)
# Behind a reverse proxy that terminates TLS: the request header it sets to "https", as Django names
# it (HTTP_X_FORWARDED_PROTO for X-Forwarded-Proto).
_PROXY_SSL_HEADER = env_str("XASO_PROXY_SSL_HEADER", "")
if _PROXY_SSL_HEADER and not re.fullmatch(r"HTTP_[A-Z0-9_]+", _PROXY_SSL_HEADER):
    raise ImproperlyConfigured(
        f"XASO_PROXY_SSL_HEADER={_PROXY_SSL_HEADER!r}: cần tên kiểu HTTP_X_FORWARDED_PROTO (chữ hoa, bắt đầu bằng HTTP_)."
    )
SECURE_PROXY_SSL_HEADER = (_PROXY_SSL_HEADER, "https") if _PROXY_SSL_HEADER else None
# nginx and monitoring ask these over plain HTTP on the machine itself (deploy/nginx): never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^_xaso/"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page is framed, except Wagtail's previews in the editor (its views answer SAMEORIGIN; the CSP's
# frame-ancestors follows this header, xaso/headers/middleware.py).
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every answer: scripts only from this server or the
# inline ones whose hash is listed (xaso/headers/inline.py). Styles from this server; the back
# office also allows style attributes (xaso/headers/__init__.py says why).
BACK_OFFICE_PREFIX = "/quan-tri/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *SCRIPT_HASHES],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Xã số"
WAGTAILADMIN_BASE_URL = BASE_URL
# Only Vietnamese in the back office, and the one time zone of Vietnam: the account page offers
# no English admin and no list of the world's time zones (their names are English).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# What the portal's editors may upload (xaso/portal/uploads.py checks the content and
# size of each kind and refuses in Vietnamese; keep these lists equal to its own).
# Files are downloaded through Wagtail's view, which runs the portal's publication check (on object
# storage too: never a redirect to the store's address).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "csv",
    "txt",
    "mp3",
    "ogg",
    "m4a",
    "mp4",
    "webm",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 100 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "xaso.portal.forms.PortalDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif", "heic"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "xaso.portal.forms.PortalImageForm"
# Lighter renditions for slow rural connections; AVIF 60 looks like JPEG 80.
WAGTAILIMAGES_AVIF_QUALITY = 60
WAGTAILIMAGES_WEBP_QUALITY = 75
WAGTAILIMAGES_JPEG_QUALITY = 80
# Wagtail's own ASCII slugify drops Vietnamese letters ("chuyển đổi" -> "chuyn-dji"), so the
# editor proposes a Unicode slug and xaso.portal.page_forms folds it to ASCII on save
# ("chuyen-doi"): addresses stay readable when typed or printed on a village board.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No request may leave for another host: avatars come from uploads or the default image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "xaso.adminvi.forms.LoginForm"

# One structured format for every process (web, workers, scheduler): JSON lines on standard error,
# which systemd's journal (or the CI's log files) keep. XASO_LOG_FORMAT=text for reading by eye.
LOG_FORMAT = env_choice("XASO_LOG_FORMAT", "json", ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "xaso.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("XASO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # RQ adds its own plain handler unless its loggers already have one.
        **{
            name: {"handlers": ["console"], "level": env_str("XASO_WORKER_LOG_LEVEL", "INFO"), "propagate": False}
            for name in ("rq.worker", "rq.scheduler")
        },
        "xaso.operations": {"level": "INFO"},
    },
}

# Operations (xaso/operations): /healthz thresholds, task heartbeats, backups.
HEALTH_QUEUE_LAG_SECONDS = env_int("XASO_HEALTH_QUEUE_LAG_SECONDS", 300)
HEALTH_DISK_MIN_FREE_PERCENT = env_int("XASO_HEALTH_DISK_MIN_FREE_PERCENT", 10)
HEALTH_SCHEDULER_MAX_AGE_SECONDS = env_int("XASO_HEALTH_SCHEDULER_MAX_AGE_SECONDS", 300)
# Production runs the scheduler (manage.py scheduler); bin/run's demo does not need it to be healthy.
HEALTH_REQUIRE_SCHEDULER = env_bool("XASO_HEALTH_REQUIRE_SCHEDULER", default=False)
# A running task writes its heartbeat this often; one silent for TASK_STALE_SECONDS lost its worker.
TASK_HEARTBEAT_SECONDS = env_int("XASO_TASK_HEARTBEAT_SECONDS", 10)
TASK_STALE_SECONDS = env_int("XASO_TASK_STALE_SECONDS", 60)
SCHEDULER_INTERVAL = env_int("XASO_SCHEDULER_INTERVAL", 15)
BACKUP_DIR = Path(env_str("XASO_BACKUP_DIR", str(DATA_DIR / "backups")))
BACKUP_KEEP = env_int("XASO_BACKUP_KEEP", 14)
