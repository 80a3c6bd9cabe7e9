"""Admin download of the LIDO export (Tour → Tour stops, the exhibition page's header)."""

from django.http import Http404, HttpResponse

from . import lido
from .permissions import export_lido
from .public import base_url, public_exhibitions, public_stops
from .targets import file_name


@export_lido.view
def lido_download(request, kind, pk):
    queryset = {"stop": public_stops(), "exhibition": public_exhibitions()}.get(kind)
    target = queryset.filter(pk=pk).first() if queryset is not None else None
    if target is None:
        raise Http404("No published exhibition or active tour stop with this id.")
    response = HttpResponse(lido.export(target, base_url(request)), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{file_name(target)}"'
    return response
