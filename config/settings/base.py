"""Settings shared by every environment: secure by default, secrets and hosts only from the environment."""

import os
from pathlib import Path

import dj_database_url
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "catalogue.middleware.RememberLanguageMiddleware",
    "visitor.cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("LEPORELLO_MEDIA_ROOT", BASE_DIR / "media"))
# Files only staff may download, through a view that checks permissions (catalogue PDFs made
# in the background). Never served under MEDIA_URL.
LEPORELLO_PRIVATE_ROOT = Path(
    os.environ.get("LEPORELLO_PRIVATE_ROOT", BASE_DIR / "var" / "private")
)
# Finished catalogue jobs and their PDFs are deleted after this many days.
LEPORELLO_CATALOGUE_JOB_DAYS = int(os.environ.get("LEPORELLO_CATALOGUE_JOB_DAYS", 30))

WAGTAIL_SITE_NAME = "Leporello"
# The public address visitors reach: QR codes on wall labels hold LEPORELLO_PUBLIC_BASE_URL/w/<stop>/<label>/.
LEPORELLO_PUBLIC_BASE_URL = os.environ.get("LEPORELLO_PUBLIC_BASE_URL", "http://127.0.0.1:8000")

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
# Photographs only: no SVG (it can carry scripts), no HEIC.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif", "tif", "tiff"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
# 200 megapixels is above any camera in use and far below a decompression bomb.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 200_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]

CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True

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
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "printing": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# Visitor catalogue (issue 3): anonymous pages are cached until the next publish (visitor/cache.py);
# kiosk tablets return to their start screen after this many idle seconds (?idle=N overrides).
LEPORELLO_PAGE_CACHE_SECONDS = int(os.environ.get("LEPORELLO_PAGE_CACHE_SECONDS", 60 * 60))
LEPORELLO_KIOSK_IDLE_SECONDS = int(os.environ.get("LEPORELLO_KIOSK_IDLE_SECONDS", 90))
