"""Admin views of the catalogue: the registrar's list and download of uploaded originals."""

import os

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import CatalogueImage
from .permissions import download_originals


class OriginalsView(WagtailAdminTemplateMixin, TemplateView):
    """Every image with its uploaded original (format, size), newest first, for the registrar."""

    template_name = "catalogue/admin/originals.html"
    page_title = gettext_lazy("Original photograph files")
    header_icon = "image"

    def dispatch(self, request, *args, **kwargs):
        download_originals.require(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["images"] = (
            CatalogueImage.objects.exclude(original="")
            .only("pk", "title", "original", "width", "height", "created_at")
            .order_by("-created_at")[:500]
        )
        return context


# Checked before any lookup, so the answer says nothing about which images exist.
@download_originals.view
def download_original(request, image_id):
    """The file as the photographer delivered it (GPS and camera data included), as an
    attachment. Registrar only (`permissions.download_originals`)."""
    image = get_object_or_404(CatalogueImage, pk=image_id)
    if not image.original:
        raise Http404
    try:
        handle = image.original.open("rb")
    except OSError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(image.original.name))
