"""Settings shared by every environment: secure by default, secrets and hosts only from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    # modeltranslation must come before the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "catalogue",
    "exhibition",
    "translations",  # translation dashboard and round trip (reads catalogue and exhibition)
    "printing",
    "visitor",
    "openstandards",  # IIIF manifests and LIDO export (reads catalogue and exhibition)
    "api",  # the public read API, /api/v1/ (reads catalogue and exhibition)
    "corsheaders",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "axes",  # login throttling (see AXES_* below)
]

MIDDLEWARE = [
    # /healthz answers before host checks and redirects (load balancers probe by IP address).
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",  # CSP header (issue 10)
    # Above the page cache, so hits are compressed too; never answers with a CSRF token (BREACH).
    "config.compression.PublicGZipMiddleware",
    # The public API (/api/ only): CORS for any origin, then ETag/304, Cache-Control and HEAD.
    "corsheaders.middleware.CorsMiddleware",
    "api.http.ApiHttpMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "catalogue.middleware.LocaleMiddleware",
    "catalogue.middleware.RememberLanguageMiddleware",
    "visitor.cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the page that says so.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses to check a password while its username and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The same backend, keeping the query planner's statistics current (config/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "config.sqlite"
    # Tests use an in-memory database, as Django does for its own SQLite backend: pytest-django
    # recognises SQLite by that backend's name only, and would otherwise name each xdist
    # process's test database "test_<path>_gw0", a file in a folder that does not exist.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: German is the original of every text; URLs always carry the language.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_LANGUAGES = ("de", "zh-hans", "en")
# A missing Chinese text falls back to English first (more Chinese visitors read it than German).
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("de",),
    "zh-hans": ("en", "de"),
    "en": ("de",),
}
# One slug per page for every language: printed addresses must not depend on a translation.
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False
# The admin shows all three languages of a field side by side; each user's toggles are remembered.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ["de", "zh-hans", "en"]
WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("LEPORELLO_MEDIA_ROOT", BASE_DIR / "media"))
# Files only staff may download, through a view that checks permissions (catalogue PDFs made
# in the background). Never served under MEDIA_URL.
LEPORELLO_PRIVATE_ROOT = Path(
    os.environ.get("LEPORELLO_PRIVATE_ROOT", BASE_DIR / "var" / "private")
)
# Where uploaded bytes live (config/storage.py): "default" holds originals and documents, "media"
# the renditions public pages link to, "private" the catalogue PDFs. On disk here; production puts
# them in an S3-compatible object store when AWS_STORAGE_BUCKET_NAME is set.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "media": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "config.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILIMAGES_RENDITION_STORAGE = "config.storage.media_storage"
# Renditions from an object store are copied here for WeasyPrint (printing/images.py).
LEPORELLO_PRINT_IMAGE_CACHE = Path(
    os.environ.get("LEPORELLO_PRINT_IMAGE_CACHE", BASE_DIR / "var" / "cache" / "print-images")
)
LEPORELLO_PRINT_IMAGE_CACHE_DAYS = int(os.environ.get("LEPORELLO_PRINT_IMAGE_CACHE_DAYS", 7))
# Without an object store, `LEPORELLO_SERVE_MEDIA=1` lets the app serve these folders of MEDIA_ROOT
# (renditions only: originals and documents never go out this way). See docs/deployment.md.
LEPORELLO_SERVE_MEDIA = False
LEPORELLO_PUBLIC_MEDIA_PREFIXES = ("images/", "iiif/")  # renditions, deep-zoom tiles
# Finished catalogue jobs and their PDFs are deleted after this many days.
LEPORELLO_CATALOGUE_JOB_DAYS = int(os.environ.get("LEPORELLO_CATALOGUE_JOB_DAYS", 30))

WAGTAIL_SITE_NAME = "Leporello"
# The public address visitors reach: QR codes on wall labels hold LEPORELLO_PUBLIC_BASE_URL/w/<stop>/<label>/.
LEPORELLO_PUBLIC_BASE_URL = os.environ.get("LEPORELLO_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# Production requires a public one (system check leporello.E001-E003, catalogue/checks.py).
LEPORELLO_PUBLIC_BASE_URL_REQUIRED = False

# Wall labels are laid out in up to this many processes at once (WeasyPrint uses one core), each
# taking at least LEPORELLO_PRINT_MIN_LABELS_PER_PROCESS labels: starting one costs about 1 s.
LEPORELLO_PRINT_PROCESSES = int(
    os.environ.get("LEPORELLO_PRINT_PROCESSES", min(4, os.cpu_count() or 1))
)
LEPORELLO_PRINT_MIN_LABELS_PER_PROCESS = 20
# The print shop's CMYK ICC profile, the output intent of `print` PDFs (PDF/X-4), e.g. the
# ECI's PSO Coated v3 or FOGRA39 file. Default: Ghostscript's default_cmyk.icc (libgs-common).
LEPORELLO_PRINT_OUTPUT_ICC = os.environ.get(
    "LEPORELLO_PRINT_OUTPUT_ICC", "/usr/share/color/icc/ghostscript/default_cmyk.icc"
)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Each user picks the admin language in their account settings; German is the default.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False  # field-level translation through modeltranslation instead
WAGTAILIMAGES_IMAGE_MODEL = "catalogue.CatalogueImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "catalogue.forms.CatalogueImageForm"
# Photographs only (no SVG: it can carry scripts; no GIF/BMP). Every upload is decoded in full and
# becomes an sRGB web master (catalogue/photos.py), so Wagtail only ever renders JPEG or PNG.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "tif", "tiff", "heic", "heif", "avif", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
# The one pixel limit (width x height): Wagtail's upload check, Leporello's decoder and Pillow's
# decompression-bomb check (Image.MAX_IMAGE_PIXELS, set in catalogue.apps) all follow it.
# 200 megapixels is above any camera in use and far below a decompression bomb. Normalising such an
# upload takes about 1 GB (RGB) to 1.8 GB (CMYK, 16-bit) of memory; see docs/photographs.md.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("LEPORELLO_MAX_IMAGE_PIXELS", 200_000_000))
# Images stored before uploads were normalised may still be TIFF: render them as JPEG.
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"tiff": "jpeg", "heic": "jpeg"}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]
# Every document link goes through Wagtail's view, which checks the collection's view
# restriction (loan agreements: Registrar group only); no document is linked by its file address.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords in a row for one
# username from one address, that pair is locked out for LEPORELLO_LOGIN_COOLOFF_MINUTES (other
# staff and other addresses can still log in); a right password resets the count. Unlock early
# with `manage.py axes_reset_username <name>`.
AXES_FAILURE_LIMIT = int(os.environ.get("LEPORELLO_LOGIN_FAILURE_LIMIT", 10))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LEPORELLO_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.login_throttle.client_address"
# Reverse proxies in front of the app whose X-Forwarded-For entry is trusted (production: 1).
LEPORELLO_TRUSTED_PROXIES = 0

# Public API (docs/api.md). Any site may read it from a browser: CORS without credentials, for
# GET/HEAD/OPTIONS and only under /api/ (django-cors-headers); clients may read the ETag.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Content-Language", "Retry-After")
# Browsers and caches may keep an API answer this long before revalidating it (ETag → 304).
LEPORELLO_API_MAX_AGE = int(os.environ.get("LEPORELLO_API_MAX_AGE", 300))
# Requests per client address ("600/min", "20/s", "10000/day"; empty: no limit), api/throttle.py.
LEPORELLO_API_THROTTLE_RATE = os.environ.get("LEPORELLO_API_THROTTLE_RATE", "600/min")
# The client address for the throttle behind a reverse proxy (production sets it again).
NINJA_NUM_PROXIES = LEPORELLO_TRUSTED_PROXIES

CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Browser defences (issue 10; config/security.py and docs/security.md say why each is set).
X_FRAME_OPTIONS = "DENY"  # the admin's preview frames itself: Wagtail sets SAMEORIGIN on it
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Public pages: no inline script or style without the request's nonce, nothing from other sites.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The offline kiosk's service worker and manifest (visitor/offline_views.py).
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# No requests from staff browsers to other sites: no Gravatar (it would learn each user's email
# hash), no release check at releases.wagtail.org. Both would also break the admin's CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The Wagtail admin (same origin) writes inline styles and some inline scripts: a policy of its
# own that still keeps out other origins, plugins and framing by other sites.
LEPORELLO_ADMIN_PATH = "/admin/"
LEPORELLO_ADMIN_CSP = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LEPORELLO_LOG_LEVEL", "WARNING")},
}

# Demo users (load_demo) are only ever created where a settings module switches this on.
LEPORELLO_DEMO_USERS = False

# Background tasks (django-tasks). Wagtail's own tasks keep the immediate default; the catalogue
# PDF goes to the "printing" backend, stored in the database and run by `manage.py db_worker
# --backend printing` (`make run` starts one), so web workers never render a whole catalogue.
# Renditions and deep-zoom tiles (issue 12) have their own backend and worker (`db_worker
# --backend renditions`): a long catalogue never delays the first picture of a new upload, and a
# 96 MP upload never delays a catalogue.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "printing": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "renditions": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# Visitor catalogue (issue 3): anonymous pages are cached until the next publish (visitor/cache.py);
# kiosk tablets return to their start screen after this many idle seconds (?idle=N overrides).
LEPORELLO_PAGE_CACHE_SECONDS = int(os.environ.get("LEPORELLO_PAGE_CACHE_SECONDS", 60 * 60))
# Browsers and CDNs may keep a public page this long before revalidating it (ETag → 304).
LEPORELLO_PAGE_MAX_AGE = int(os.environ.get("LEPORELLO_PAGE_MAX_AGE", 0))
# After a purge one request makes a page again; for up to this many seconds meanwhile the others
# get the previous page (X-Leporello-Cache: stale). 0: everyone waits for a fresh page.
LEPORELLO_PAGE_REFRESH_SECONDS = int(os.environ.get("LEPORELLO_PAGE_REFRESH_SECONDS", 10))
# Listings (stop catalogue, exhibition page, search) show this many works per page (?page=N).
LEPORELLO_PAGE_SIZE = int(os.environ.get("LEPORELLO_PAGE_SIZE", 24))
# Catalogue jobs: the running job's lease is renewed every LEPORELLO_JOB_HEARTBEAT_SECONDS; a job
# without a sign of life for LEPORELLO_JOB_LEASE_SECONDS has lost its worker (printing/lease.py).
LEPORELLO_JOB_HEARTBEAT_SECONDS = int(os.environ.get("LEPORELLO_JOB_HEARTBEAT_SECONDS", 10))
LEPORELLO_JOB_LEASE_SECONDS = int(os.environ.get("LEPORELLO_JOB_LEASE_SECONDS", 60))
LEPORELLO_KIOSK_IDLE_SECONDS = int(os.environ.get("LEPORELLO_KIOSK_IDLE_SECONDS", 90))
# Who organises the tour: named as the organizer of each stop's schema.org ExhibitionEvent
# (search engines' event listings); left out when empty.
LEPORELLO_ORGANIZER_NAME = os.environ.get("LEPORELLO_ORGANIZER_NAME", "")
LEPORELLO_ORGANIZER_URL = os.environ.get("LEPORELLO_ORGANIZER_URL", "")
# Offline kiosk (issue 16, docs/visitor-catalogue.md): what a tablet stores of its stop at most
# (pages, tablet-size pictures, then zoom tiles while they fit), how often it asks for a new
# version when online, and the rendition width it keeps (2x of a 768 px wide tablet).
LEPORELLO_KIOSK_OFFLINE_BUDGET_MB = int(os.environ.get("LEPORELLO_KIOSK_OFFLINE_BUDGET_MB", 150))
LEPORELLO_KIOSK_CHECK_SECONDS = int(os.environ.get("LEPORELLO_KIOSK_CHECK_SECONDS", 300))
LEPORELLO_KIOSK_IMAGE_WIDTH = 1536
# Tablets' status reports and enrolments per client address (gates/throttle.py; "" = no limit).
# A venue's tablets may share one public address: each reports at most every 5 s while loading.
LEPORELLO_KIOSK_REPORT_RATE = os.environ.get("LEPORELLO_KIOSK_REPORT_RATE", "300/min")
LEPORELLO_KIOSK_ENROL_RATE = os.environ.get("LEPORELLO_KIOSK_ENROL_RATE", "10/min")
# A visitor whose browser asks for a language Leporello does not offer reads this one.
LEPORELLO_FALLBACK_LANGUAGE = "en"

# Machine-translation drafts (off unless set): a provider class fills missing translations as
# status "draft", never approved (`manage.py machine_translate`). E.g. DeepL:
# LEPORELLO_MACHINE_TRANSLATION = {"PROVIDER": "translations.machine.DeepL",
#                                  "OPTIONS": {"auth_key": "…", "url": "https://api.deepl.com/v2/translate"}}
LEPORELLO_MACHINE_TRANSLATION = None
if os.environ.get("LEPORELLO_DEEPL_AUTH_KEY"):
    LEPORELLO_MACHINE_TRANSLATION = {
        "PROVIDER": "translations.machine.DeepL",
        "OPTIONS": {
            "auth_key": os.environ["LEPORELLO_DEEPL_AUTH_KEY"],
            "url": os.environ.get("LEPORELLO_DEEPL_URL", "https://api.deepl.com/v2/translate"),
        },
    }
