"""Which objects belong to an exhibition or tour stop, and the stable keys that name them in files."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from catalogue.models import CatalogueImage, Section, WorkPage
from catalogue.translation_status import tracked_models
from exhibition.models import ChecklistEntry, TourStop


class UnknownKey(Exception):
    """A key in a translation file that names no object; the message is for people."""


def objects_in_scope(exhibition=None, tour_stop=None):
    """Every object with translated fields, optionally only those of one exhibition or stop.

    An exhibition brings its page, works, their images, sections, photographer, the venues of its
    stops and their checklist entries; a tour stop the works on its checklist, their images, its
    venue, its checklist entries and the exhibition.
    """
    if exhibition is None and tour_stop is None:
        result = []
        for model in tracked_models():
            result += list(model._default_manager.all().order_by("pk"))
        return _ordered(result)
    if tour_stop is not None:
        entries = list(tour_stop.checklist.select_related("work").order_by("sort_order"))
        works = [e.work for e in entries]
        exhibitions = [tour_stop.exhibition]
        venues = [tour_stop.venue]
    else:
        works = list(WorkPage.objects.child_of(exhibition).order_by("path"))
        exhibitions = [exhibition]
        stops = TourStop.objects.filter(exhibition=exhibition).select_related("venue")
        venues = list({s.venue_id: s.venue for s in stops}.values())
        entries = list(ChecklistEntry.objects.filter(tour_stop__in=stops).order_by("pk"))
    image_ids = {w.image_id for w in works if w.image_id}
    image_ids |= {e.cover_image_id for e in exhibitions if e.cover_image_id}
    images = list(CatalogueImage.objects.filter(pk__in=image_ids).order_by("pk"))
    section_ids = {w.section_id for w in works if w.section_id}
    sections = list(Section.objects.filter(pk__in=section_ids))
    photographers = [e.photographer for e in exhibitions if e.photographer_id]
    return _ordered([*exhibitions, *photographers, *sections, *works, *images, *venues, *entries])


def _ordered(objects):
    seen, result = set(), []
    for obj in objects:
        ident = (type(obj), obj.pk)
        if ident not in seen:
            seen.add(ident)
            result.append(obj)
    return result


# Keys people can read: works by inventory number, sections by slug, checklist entries by
# tour stop and label number; anything else by model name and id (e.g. venue:3).
def key_for(obj):
    if isinstance(obj, WorkPage) and obj.inventory_number:
        return f"work:{obj.inventory_number}"
    if isinstance(obj, Section):
        return f"section:{obj.slug}"
    if isinstance(obj, ChecklistEntry):
        return f"checklist:{obj.tour_stop.slug}/{obj.label_number}"
    return f"{obj._meta.model_name}:{obj.pk}"


def object_for_key(key):
    """The object a key names; UnknownKey (with a message for people) when there is none."""
    kind, sep, value = (key or "").strip().partition(":")
    if not sep or not value:
        raise UnknownKey(_("“%(key)s” is not a key such as work:BL-R-01.") % {"key": key})
    try:
        if kind == "work":
            return WorkPage.objects.get(inventory_number=value)
        if kind == "section":
            return Section.objects.get(slug=value)
        if kind == "checklist":
            stop, _sep, label = value.partition("/")
            return ChecklistEntry.objects.select_related("tour_stop").get(
                tour_stop__slug=stop, label_number=int(label)
            )
        models = {m._meta.model_name: m for m in tracked_models()}
        if kind in models and value.isdigit():
            return models[kind]._default_manager.get(pk=int(value))
    except (ValueError, ObjectDoesNotExist):  # every model's DoesNotExist derives from it
        pass
    raise UnknownKey(
        _(
            "No object has the key “%(key)s”; copy the key from a fresh export (new objects "
            "are created in the CMS first)."
        )
        % {"key": key}
    )


def describe(obj):
    """'Work: Rhein bei Basel…' for listings and previews."""
    return _("%(type)s: %(object)s") % {
        "type": capfirst(obj._meta.verbose_name),
        "object": obj,
    }
