"""The one URL fetcher for every WeasyPrint call: local static files and renditions, nothing else.

WeasyPrint's default fetcher opens any `file:`, `http(s):`, `ftp:` or `data:` address a document
names (`<img src>`, `<link rel=attachment>`, CSS `url()` and `@import`, `<object data>`), so text
that reaches a PDF could embed `/proc/self/environ` or make the server send requests. This fetcher:

- serves `file:` addresses only when the resolved path (after `..` and symlinks) is a regular
  file inside one of `roots` (the print stylesheets, static files, rendition folder);
- answers `data:` addresses up to `data_limit` bytes (as written in the address);
- refuses everything else (`http:`, `https:` to any host incl. 127.0.0.1, `ftp:`, files outside
  the roots) with a logged warning and `RefusedURL`, which WeasyPrint treats like a missing image.

No Django here: print worker processes (`printing.render_worker`) use it without settings, and it
pickles, so it travels to them with the part it renders. `gates.pdf_settings.project_url_fetcher()`
builds the project's one instance from the settings.
"""

import logging
import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

DATA_LIMIT = 256 * 1024  # bytes of a data: address; QR codes and icons are far smaller


class RefusedURL(ValueError):
    """The document named an address outside the project's own files; nothing was read."""


def _resolved(path):
    return Path(os.path.realpath(path))


class SealedURLFetcher:
    """A WeasyPrint `url_fetcher`: `fetcher(url)` -> `weasyprint.urls.URLFetcherResponse`.

    `roots`: folders whose files may be read (resolved once, symlinks included);
    `data_limit`: the longest `data:` address in bytes. Raises `RefusedURL` for anything else.
    """

    _fail_on_errors = False  # read by weasyprint.urls.fetch: a refusal is a warning, not fatal

    def __init__(self, roots=(), data_limit=DATA_LIMIT):
        self.roots = tuple(_resolved(root) for root in roots)
        self.data_limit = data_limit

    def __repr__(self):
        return (
            f"SealedURLFetcher(roots={[str(r) for r in self.roots]}, data_limit={self.data_limit})"
        )

    def refuse(self, url, reason):
        shown = url if len(url) <= 200 else f"{url[:200]}… ({len(url)} characters)"
        logger.warning("PDF renderer refused %s: %s", shown, reason)
        raise RefusedURL(f"{reason}: {shown}")

    def path_for(self, url):
        """The file a `file:` URL may read, or None when it is outside the roots."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = _resolved(unquote(parts.path))
        if not path.is_file():
            return None
        if not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path

    def __call__(self, url):
        from weasyprint.urls import URLFetcherResponse  # late: loading WeasyPrint is slow

        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            if len(url) > self.data_limit:
                self.refuse(url, f"data: address over {self.data_limit} bytes")
            from urllib.request import DataHandler, Request

            response = DataHandler().data_open(Request(url))  # noqa: S310 (data: only)
            return URLFetcherResponse(url, response.read(), dict(response.headers))
        if scheme != "file":
            self.refuse(url, "only the project's own files are read")
        path = self.path_for(url.split("?", 1)[0].split("#", 1)[0])
        if path is None:
            self.refuse(url, "file outside the print stylesheets, static files and renditions")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime_type})


def strip_attachments(document):
    """Drop every file attachment from a laid-out WeasyPrint `document` before it is written.

    `<link rel=attachment>` (document metadata) and `<a rel=attachment>` (link annotations) would
    embed the file they name; a PDF of ours never carries attachments. Refusals are logged.
    """
    for attachment in document.metadata.attachments:
        logger.warning("PDF attachment left out: %s", attachment.description or attachment.name)
    document.metadata.attachments = []
    for page in document.pages:
        kept = []
        for link in page.links:
            if link[0] == "attachment":
                logger.warning("PDF attachment link left out: %s", link[1])
            else:
                kept.append(link)
        page.links = kept
    return document
