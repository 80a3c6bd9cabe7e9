"""Content-Security-Policy for the public site and the admin (django-csp), issue 10.

Public pages (`CONTENT_SECURITY_POLICY`): scripts and styles only from this site's own files or
with the request's nonce (`{{ request.csp_nonce }}`), no inline script, no plugins, no framing by
other sites. A script that got into a stored text cannot run.

The Wagtail admin (`LEPORELLO_ADMIN_CSP`, every path under /admin/) shares the origin with the
public site, so it gets a policy of its own rather than none: Wagtail's admin still writes inline
`style=""` attributes and a few inline scripts (see docs/security.md), so it allows
'unsafe-inline' there, while still forbidding other origins, plugins, `<base>` changes and
framing. Admin views that show a public page (previews, old revisions) keep the public policy.
Rich text is sanitised before it is stored (gates.richtext) in any case.
"""

import re
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings

# Admin views that render a public page (page and snippet previews, old revisions): the public
# policy, so a script in a previewed text cannot run with the admin's session either.
PREVIEWS = re.compile(r"/preview/|/revisions/\d+/view/")


def _origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under `LEPORELLO_ADMIN_PATH` and the
    media origin (when MEDIA_URL is on another host, e.g. object storage) allowed for images."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        path = request.path_info
        if (
            parts.config is None
            and path.startswith(settings.LEPORELLO_ADMIN_PATH)
            and not PREVIEWS.search(path)
        ):
            parts.config = dict(settings.LEPORELLO_ADMIN_CSP)
        media = {_origin(settings.MEDIA_URL), *getattr(settings, "LEPORELLO_MEDIA_ORIGINS", ())}
        media.discard(None)
        if media:
            # Renditions and deep-zoom tiles (images), the tiles' info.json (the viewer fetches it).
            parts.update = {
                **(parts.update or {}),
                "img-src": sorted(media),
                "connect-src": sorted(media),
            }
        return parts
