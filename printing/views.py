"""Admin views: labels (made in the request: small) and printed-catalogue jobs (made by the
worker)."""

from dataclasses import replace

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from config.health import worker_status
from config.storage import private_file_response
from exhibition.models import ExhibitionPage, TourStop

from .forms import LabelsForm, PrintedCatalogueForm
from .labels import render_labels
from .lookup import find_entry, stop_entries
from .models import CatalogueJob
from .permissions import may_print
from .printed_catalogue import build_printed_catalogue
from .recovery import recover_lost_jobs
from .tasks import start_printed_catalogue_job
from .texts import PrintError


@may_print.view
def index(request):
    return TemplateResponse(
        request,
        "printing/admin/index.html",
        {
            "exhibitions": ExhibitionPage.objects.all(),
            "stops": TourStop.objects.select_related("venue", "exhibition"),
            "jobs": CatalogueJob.objects.select_related("exhibition", "tour_stop")[:20],
            "job_days": settings.LEPORELLO_CATALOGUE_JOB_DAYS,
        },
    )


@may_print.view
def labels(request, stop_id):
    """The options form; 'preview' answers with one label, 'download' with all of them."""
    stop = get_object_or_404(TourStop.objects.select_related("venue"), pk=stop_id)
    entries = stop_entries(stop)
    form = LabelsForm(request.POST or None, entries=entries)
    error = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "download")
        try:
            options = form.options()
            if form.cleaned_data["work"]:
                chosen = [find_entry(stop, form.cleaned_data["work"])]
            else:
                chosen = entries
            if action == "preview":
                chosen = chosen[:1]
                options = replace(options, sheet=None)  # the preview is the label itself
            result = render_labels(stop, chosen, options)
        except PrintError as problem:
            error = str(problem)
        else:
            response = HttpResponse(result.pdf, content_type="application/pdf")
            kind = "inline" if action == "preview" else "attachment"
            name = f"labels-{stop.slug}-{options.size.name}.pdf"
            response["Content-Disposition"] = f'{kind}; filename="{name}"'
            return response
    return TemplateResponse(
        request,
        "printing/admin/labels.html",
        {"stop": stop, "form": form, "error": error, "count": len(entries)},
        status=400 if error else 200,
    )


@may_print.view
def printed_catalogue(request, kind, pk):
    if kind == "stop":
        stop = get_object_or_404(TourStop.objects.select_related("venue", "exhibition"), pk=pk)
        exhibition = stop.exhibition
    else:
        stop, exhibition = None, get_object_or_404(ExhibitionPage, pk=pk)
    form = PrintedCatalogueForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        options = form.options()
        try:  # refuse early, before queueing: texts and the fonts' coverage
            build_printed_catalogue(
                exhibition, stop, options, images=False, preflight=options.preflight()
            )
        except PrintError as problem:
            error = str(problem)
        else:
            job = start_printed_catalogue_job(request.user, exhibition, stop, options)
            return redirect("printing:job", job.pk)
    return TemplateResponse(
        request,
        "printing/admin/catalogue.html",
        {"exhibition": exhibition, "stop": stop, "form": form, "error": error},
        status=400 if error else 200,
    )


@may_print.view
def job(request, pk):
    recover_lost_jobs()  # the page tells the truth even when no worker is running to notice
    job = get_object_or_404(CatalogueJob.objects.select_related("exhibition", "tour_stop"), pk=pk)
    worker = worker_status()
    return TemplateResponse(
        request,
        "printing/admin/job.html",
        {
            "job": job,
            "max_attempts": CatalogueJob.MAX_ATTEMPTS,
            "worker_missing": not job.finished and not worker["ok"],
            # While the job waits for or runs in a live worker, the page reloads itself.
            "reload": not job.finished and worker["ok"],
        },
    )


@may_print.view
def job_download(request, pk):
    job = get_object_or_404(CatalogueJob, pk=pk, status=CatalogueJob.Status.DONE)
    if not job.file:
        raise Http404(_("The file of this job is gone."))
    # Streamed from disk, or a redirect to an address of the private bucket that soon expires.
    return private_file_response(job.file, job.file.name.rsplit("/", 1)[-1])
