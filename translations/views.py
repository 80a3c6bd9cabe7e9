"""Admin views of the translation workflow: dashboard, export, import with preview."""

import io
import secrets
import tempfile
from collections import defaultdict
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder

from catalogue import translation_status as ts
from catalogue.languages import LANGUAGE_NAMES, language_name
from catalogue.models import TranslationStatus
from catalogue.models.translation_state import UNPUBLISHED, field_states, prefetch_statuses
from exhibition.models import ExhibitionPage, TourStop

from .actions import ApproveTranslations, ImportTranslations
from .formats import FORMATS, UPLOAD_SUFFIXES, XLIFF_FORMATS
from .permissions import may_edit_object, use_translation_tools
from .roundtrip import IMPORT_ACTION, BadFile, build_export, write_export
from .scope import describe, key_for, objects_in_scope

MAX_UPLOAD = 20 * 1024 * 1024
UPLOADS = Path(tempfile.gettempdir()) / "leporello-translation-imports"
Status = TranslationStatus.Status
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in ts.TARGET_LANGUAGES]


class ScopeForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        choices=[("", gettext_lazy("all languages")), *LANGUAGE_CHOICES],
        required=False,
    )
    exhibition = forms.ModelChoiceField(
        label=gettext_lazy("Exhibition"), queryset=ExhibitionPage.objects.all(), required=False
    )
    tour_stop = forms.ModelChoiceField(
        label=gettext_lazy("Tour stop"),
        queryset=TourStop.objects.select_related("venue"),
        required=False,
    )


def _scope(form):
    data = form.cleaned_data if form.is_valid() else {}
    languages = [data["language"]] if data.get("language") else list(ts.TARGET_LANGUAGES)
    exhibition, stop = data.get("exhibition"), data.get("tour_stop")
    objects = objects_in_scope(exhibition=exhibition, tour_stop=stop)
    return languages, objects, exhibition, stop


def edit_url(finder, obj, language):
    """The edit form of an object with the language's fields shown beside the German ones."""
    # A checklist entry has its own form (exhibition/checklist_entries.py) since issue 17.
    url = finder.get_edit_url(obj)
    if not url:
        return None
    return f"{url}?{urlencode({'lang': language})}"


def language_progress(objects, languages):
    """Per language the counts of fields by state, and the objects with work left.

    Asks the one state machine (`catalogue.models.translation_state.field_states`): the
    translators' dashboard panel, this dashboard and the Works list agree by construction.
    Returns (summary rows, {(object, language): counts}); counts are keyed by status and
    "unpublished" (translated in a page draft a curator has not published yet).
    """
    prefetch_statuses(objects)
    totals = {code: defaultdict(int) for code in languages}
    open_rows = defaultdict(lambda: defaultdict(int))
    for obj in objects:
        for _field, code, state in field_states(obj, languages):
            totals[code][state.status] += 1
            if state.waiting_to_be_published:
                totals[code][UNPUBLISHED] += 1
                open_rows[(obj, code)][UNPUBLISHED] += 1
            if state.status != Status.APPROVED:
                open_rows[(obj, code)][state.status] += 1
    summary = []
    for code in languages:
        counts = totals[code]
        total = sum(counts[status] for status in Status.values)
        approved = counts[Status.APPROVED]
        summary.append(
            {
                "code": code,
                "name": language_name(code),
                "missing": counts[Status.MISSING],
                "draft": counts[Status.DRAFT],
                "needs_review": counts[Status.NEEDS_REVIEW],
                "approved": approved,
                "unpublished": counts[UNPUBLISHED],
                "left": total - approved,
                "total": total,
                "percent": int(approved * 100 / total) if total else 100,
            }
        )
    return summary, open_rows


@use_translation_tools.view
def dashboard(request):
    """Per language: how many fields are missing, to review, approved; the objects with work left."""
    form = ScopeForm(request.GET or None)
    languages, objects, _exhibition, _stop = _scope(form)
    summary, open_rows = language_progress(objects, languages)
    finder = AdminURLFinder(request.user)
    by_object = defaultdict(dict)
    for (obj, code), counts in open_rows.items():
        by_object[obj][code] = counts
    work_left = []
    for obj, per_language in by_object.items():
        work_left.append(
            {
                "label": describe(obj),
                "key": key_for(obj),
                "content_type": ts.content_type_for(obj).pk,
                "object_id": obj.pk,
                "languages": [
                    {
                        "code": code,
                        "name": language_name(code),
                        "missing": counts.get(Status.MISSING, 0),
                        "draft": counts.get(Status.DRAFT, 0),
                        "needs_review": counts.get(Status.NEEDS_REVIEW, 0),
                        "unpublished": counts.get(UNPUBLISHED, 0),
                        "can_approve": counts.get(Status.DRAFT, 0)
                        + counts.get(Status.NEEDS_REVIEW, 0)
                        > 0,
                        "edit_url": edit_url(finder, obj, code),
                    }
                    for code, counts in sorted(per_language.items())
                ],
            }
        )
    work_left.sort(key=lambda r: r["label"])
    return render(
        request,
        "translations/dashboard.html",
        {
            "form": form,
            "summary": summary,
            "work_left": work_left,
            "query": request.GET.urlencode(),
        },
    )


def _approvable(request):
    """The object named by POST content_type and object_id, or None when it does not exist, is
    not one with translated texts (e.g. a loan) or the user may not edit it: the three look the
    same from outside, so ids of private objects cannot be probed."""
    from django.contrib.contenttypes.models import ContentType

    try:
        content_type = ContentType.objects.get_for_id(int(request.POST["content_type"]))
        object_id = int(request.POST["object_id"])
    except (KeyError, ValueError, ObjectDoesNotExist):
        return None
    model = content_type.model_class()
    if model not in ts.tracked_models():
        return None
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        return None
    if not may_edit_object(request.user, obj):
        return None
    return obj


@require_POST
@use_translation_tools.view
def approve(request):
    """Mark the draft and to-review translations of one object in one language as approved."""
    obj = _approvable(request)
    if obj is None:
        messages.error(request, _("That object no longer exists, or you may not change it."))
        return redirect("translations:dashboard")
    action = ApproveTranslations(obj, request.POST.get("language"), request.user)
    try:
        count = action.execute()
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("translations:dashboard")
    if count:
        messages.success(
            request,
            _("%(count)s text(s) of “%(object)s” approved in %(language)s.")
            % {"count": count, "object": describe(obj), "language": action.language_name},
        )
    back = request.POST.get("next", "")
    url = reverse("translations:dashboard")
    return redirect(f"{url}?{back}" if back else url)


class ExportForm(ScopeForm):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=[ts.TARGET_LANGUAGES[0]],
    )
    todo = forms.BooleanField(
        label=gettext_lazy("Only objects with work left (missing, draft or to review)"),
        required=False,
        initial=True,
    )
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[(fmt, label) for fmt, (label, _ext, _type) in FORMATS.items()],
        initial="xlsx",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["language"]

    def clean(self):
        data = super().clean()
        if data.get("file_format") in XLIFF_FORMATS and len(data.get("languages") or []) != 1:
            raise forms.ValidationError(_("An XLIFF file holds one target language: choose one."))
        return data


@use_translation_tools.view
def export(request):
    form = ExportForm(request.GET if "file_format" in request.GET else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = build_export(
            data["languages"],
            exhibition=data["exhibition"],
            tour_stop=data["tour_stop"],
            only_open=data["todo"],
        )
        stream = io.BytesIO()
        fmt = data["file_format"]
        write_export(result, stream, fmt)
        _label, extension, content_type = FORMATS[fmt]
        response = HttpResponse(stream.getvalue(), content_type=content_type)
        name = "translations-" + "-".join(data["languages"]) + "." + extension
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "translations/export.html", {"form": form})


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Translation file"),
        help_text=gettext_lazy(
            "A file made by the export, as a spreadsheet or translation tool saved it: .xlsx, "
            ".csv (comma, semicolon or tab; UTF-8, UTF-16, GBK or Windows-1252), .txt (Excel’s "
            "Unicode text), XLIFF 1.2 or 2.0."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(
                _(
                    "Use a file ending in .xlsx, .csv, .txt, .xlf or .xliff (this one is "
                    "“%(name)s”)."
                )
                % {"name": upload.name}
            )
        return upload


def _stored(request, token):
    pending = request.session.get("translation_import") or {}
    if not token or pending.get("token") != token:
        return None, None
    path = UPLOADS / token
    if not path.is_file():
        return None, None
    return path.read_bytes(), pending["name"]


@use_translation_tools.view
def import_view(request):
    """Upload -> preview of every change, conflicts side by side, problems -> apply all or none."""
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        data, name = _stored(request, token)
        if data is None:
            messages.error(request, _("The uploaded file is no longer available; upload it again."))
            return redirect("translations:import")
        skip = bool(request.POST.get("skip_conflicts"))
        action, plan, problem = _plan(data, name, request.user, skip)
        if problem or not action.ready:
            return _preview(request, UploadForm(), plan, problem, token, name)
        result = action.execute()
        (UPLOADS / token).unlink(missing_ok=True)
        request.session.pop("translation_import", None)
        messages.success(
            request,
            _("Imported %(changes)s change(s) in %(objects)s object(s) from “%(name)s”.")
            % {"changes": result.changes, "objects": result.objects, "name": name},
        )
        return redirect("translations:dashboard")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        _action, plan, problem = _plan(data, upload.name, request.user)
        token = None
        if problem is None and plan.ok:
            token = secrets.token_hex(16)
            UPLOADS.mkdir(parents=True, exist_ok=True)
            (UPLOADS / token).write_bytes(data)
            request.session["translation_import"] = {"token": token, "name": upload.name}
        return _preview(request, form, plan, problem, token, upload.name)
    return render(request, "translations/import.html", {"form": form})


def _plan(data, name, user, skip_conflicts=False):
    """(action, plan, problem): the checked import, or a message when the file cannot be read."""
    action = ImportTranslations(data, name, user, skip_conflicts=skip_conflicts)
    try:
        plan = action.check()
    except BadFile as error:
        return action, None, str(error)
    return action, plan, None


def _preview(request, form, plan, problem, token, name):
    return render(
        request,
        "translations/import.html",
        {
            "form": form,
            "plan": plan,
            "problem": problem,
            "token": token,
            "name": name,
            "import_action": IMPORT_ACTION,
            "language_names": LANGUAGE_NAMES,
        },
        status=400 if (problem or (plan and not plan.ok)) else 200,
    )
