"""Where uploaded bytes live: three storage aliases, on local disk or in an S3-compatible store.

- ``default``: everything uploaded that is not meant for visitors — original image files (full
  resolution, camera metadata), Wagtail documents (loan agreements), avatars. In an object store
  it is the *private* bucket: every address is signed and expires after
  ``LEPORELLO_S3_SIGNED_URL_SECONDS``; documents reach users only through Wagtail's
  permission-checked ``/documents/`` view, which redirects to such an address.
- ``media``: renditions, the only files public pages link to. In an object store it is the
  *public* bucket (plain, unsigned addresses a CDN and tablets can cache).
- ``private``: catalogue PDFs (``printing.models.CatalogueJob.file``), downloaded only through
  ``printing.views.job_download``. On disk it is ``LEPORELLO_PRIVATE_ROOT``, never under
  ``MEDIA_URL``; in an object store it is the private bucket.

Without object storage (``make run``, tests) ``default`` and ``media`` are ``MEDIA_ROOT``.
``s3_storages(environ)`` builds the object-store block that ``config.settings.production`` merges
into ``STORAGES`` when ``AWS_STORAGE_BUCKET_NAME`` is set (docs/deployment.md lists the variables).
"""

import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, HttpResponseRedirect
from django.utils.functional import LazyObject, cached_property, empty
from storages.backends.s3 import S3Storage as _S3Storage
from storages.utils import clean_name

SIGNED_URL_SECONDS = 300


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``LEPORELLO_PRIVATE_ROOT``: they have no address, only a view streams them."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.LEPORELLO_PRIVATE_ROOT)

    def url(self, name):
        raise ValueError(
            f"{name} is a private file without a public address: serve it through a view that "
            "checks permissions (config.storage.private_file_response)."
        )


class S3Storage(_S3Storage):
    """django-storages' S3 storage, optionally signing addresses for another endpoint.

    ``url_endpoint`` (``LEPORELLO_S3_PUBLIC_ENDPOINT_URL``) is the address browsers reach the
    object store at, when it differs from ``endpoint_url``, the one the app uses (in the compose
    recipe the app talks to ``http://minio:9000``, browsers to ``https://s3.museum.example``).
    A signature covers the host, so the address must be signed for the browser's host.
    """

    def __init__(self, **options):
        self.url_endpoint = options.pop("url_endpoint", None) or None
        self._url_clients = threading.local()
        super().__init__(**options)

    def _url_client(self):
        client = getattr(self._url_clients, "client", None)
        if client is None:
            import botocore
            from botocore.config import Config

            config = self.client_config
            if not self.querystring_auth:
                config = config.merge(Config(signature_version=botocore.UNSIGNED))
            client = self._create_session().client(
                "s3",
                region_name=self.region_name,
                endpoint_url=self.url_endpoint,
                config=config,
            )
            self._url_clients.client = client
        return client

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.url_endpoint or self.custom_domain:
            return super().url(name, parameters, expire, http_method)
        params = {
            **(parameters or {}),
            "Bucket": self.bucket_name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self._url_client().generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=self.querystring_expire if expire is None else expire,
            HttpMethod=http_method,
        )


class AliasStorage(LazyObject):
    """The storage of a ``STORAGES`` alias, looked up when first used (and again after tests
    change ``STORAGES``), so a model field can name an alias without a migration per setting."""

    _instances = []

    def __init__(self, alias):
        super().__init__()
        self.__dict__["alias"] = alias
        AliasStorage._instances.append(self)

    def _setup(self):
        self._wrapped = storages[self.__dict__["alias"]]

    def __reduce__(self):  # pickled into task arguments or a worker process: name the alias
        return (AliasStorage, (self.__dict__["alias"],))

    def __copy__(self):  # one storage per alias, however often a field is copied
        return self

    def __deepcopy__(self, memo):
        return self


@receiver(setting_changed)
def _reset(*, setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT", "MEDIA_URL", "LEPORELLO_PRIVATE_ROOT"):
        for storage in AliasStorage._instances:
            storage._wrapped = empty
        if setting != "STORAGES":  # FileSystemStorage instances cache their location
            storages._storages = {}


media_storage_instance = AliasStorage("media")
private_storage_instance = AliasStorage("private")


def media_storage():
    """The storage of renditions (WAGTAILIMAGES_RENDITION_STORAGE): public media."""
    return media_storage_instance


def private_storage():
    """The storage of catalogue PDFs: never under a public address."""
    return private_storage_instance


def is_local(storage):
    """True when `storage` keeps files on this machine's disk (paths), False for an object store."""
    try:
        storage.path("")
    except NotImplementedError:
        return False
    return True


def private_file_response(fieldfile, filename, as_attachment=True):
    """The answer of a permission-checked view to a request for a private file.

    On disk: the bytes, streamed. In an object store: a redirect to an address signed for
    ``LEPORELLO_S3_SIGNED_URL_SECONDS`` (the store then names the download `filename`).
    Call it only after checking the user's permission.
    """
    storage = fieldfile.storage
    if is_local(storage):
        return FileResponse(fieldfile.open("rb"), as_attachment=as_attachment, filename=filename)
    kind = "attachment" if as_attachment else "inline"
    disposition = f"{kind}; filename*=UTF-8''{_quote(filename)}"
    url = storage.url(fieldfile.name, parameters={"ResponseContentDisposition": disposition})
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _quote(filename):
    from urllib.parse import quote

    return quote(filename, safe="")


def storage_problems(aliases=("default", "media", "private")):
    """``[(alias, message)]`` for each storage that does not answer; ``[]`` when all do.

    One cheap request per bucket (HEAD), or a look at the folder on disk, for a health check
    (``/healthz``) and for ``make prod-smoke``; nothing is written.
    """
    problems = []
    for alias in aliases:
        storage = storages[alias]
        try:
            if isinstance(storage, _S3Storage):
                storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
            else:
                folder = Path(storage.location)
                while not folder.exists():  # made on the first upload: the parent must allow it
                    folder = folder.parent
                if not folder.is_dir() or not os.access(folder, os.W_OK):
                    raise PermissionError(f"{folder} is not a folder this process may write to")
        except Exception as error:  # any failure of the store is the answer
            problems.append((alias, f"{type(error).__name__}: {error}"))
    return problems


# -- Production: the object-store block of STORAGES --------------------------------------------


def _flag(value, default):
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def s3_storages(environ):
    """``{"default": …, "media": …, "private": …}`` for ``STORAGES`` from environment variables,
    or ``{}`` when ``AWS_STORAGE_BUCKET_NAME`` is not set (files stay on disk).

    Raises ImproperlyConfigured when the private bucket is missing or is the public one.
    """
    public_bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not public_bucket:
        return {}
    private_bucket = environ.get("LEPORELLO_S3_PRIVATE_BUCKET_NAME", "").strip()
    if not private_bucket:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME is set: also set LEPORELLO_S3_PRIVATE_BUCKET_NAME, a second "
            "bucket without public access for original images, documents and catalogue PDFs."
        )
    if private_bucket == public_bucket:
        raise ImproperlyConfigured(
            "LEPORELLO_S3_PRIVATE_BUCKET_NAME must name another bucket than "
            "AWS_STORAGE_BUCKET_NAME: everything in the public bucket can be read by anyone."
        )
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None
    try:
        expire = int(environ.get("LEPORELLO_S3_SIGNED_URL_SECONDS", SIGNED_URL_SECONDS))
    except ValueError:
        raise ImproperlyConfigured(
            "LEPORELLO_S3_SIGNED_URL_SECONDS must be a whole number of seconds, e.g. 300."
        ) from None
    if not 1 <= expire <= 7 * 24 * 3600:
        raise ImproperlyConfigured(
            "LEPORELLO_S3_SIGNED_URL_SECONDS must lie between 1 and 604800 (7 days, S3's limit)."
        )
    common = {
        "endpoint_url": endpoint,
        "url_endpoint": environ.get("LEPORELLO_S3_PUBLIC_ENDPOINT_URL", "").strip() or None,
        "region_name": environ.get("AWS_S3_REGION_NAME", "").strip() or "us-east-1",
        # MinIO and most self-hosted stores want path-style addresses (host/bucket/key).
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE", "").strip()
        or ("path" if endpoint else None),
        "signature_version": "s3v4",
        "file_overwrite": False,  # a second upload called IMG_0001.jpg gets its own name
        "default_acl": None,  # access is the bucket's policy, never a per-object ACL
    }
    # Keys from the environment; without them boto3 looks further (an instance role, ~/.aws).
    for option, variable in (
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
    ):
        if environ.get(variable):
            common[option] = environ[variable]
    private = {
        "BACKEND": "config.storage.S3Storage",
        "OPTIONS": {
            **common,
            "bucket_name": private_bucket,
            "querystring_auth": True,
            "querystring_expire": expire,
        },
    }
    media = {
        "BACKEND": "config.storage.S3Storage",
        "OPTIONS": {
            **common,
            "bucket_name": public_bucket,
            "querystring_auth": False,
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None,
            # Renditions never change under a name: browsers and CDNs may keep them a year.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    return {"default": private, "media": media, "private": private}


def s3_media_origins(environ):
    """The origins renditions are served from, for a Content-Security-Policy's ``img-src``:
    ``["https://media.museum.example"]``; ``[]`` without object storage (then they are 'self').

    The same choice as ``S3Storage.url`` makes for the public bucket: the CDN domain, else the
    public endpoint, else the endpoint, else AWS's addresses of the bucket.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return []
    domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip()
    if domain:
        return [f"https://{domain}"]
    endpoint = (
        environ.get("LEPORELLO_S3_PUBLIC_ENDPOINT_URL", "").strip()
        or environ.get("AWS_S3_ENDPOINT_URL", "").strip()
    )
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}"]
    region = environ.get("AWS_S3_REGION_NAME", "").strip() or "us-east-1"
    return [f"https://{bucket}.s3.amazonaws.com", f"https://{bucket}.s3.{region}.amazonaws.com"]
