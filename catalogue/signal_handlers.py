"""Signal handlers of the catalogue.

- Translation status stays in step with every save of a model that has translated fields.
- Renditions and zoom tiles are queued ahead of visitors: on image upload and when a work is
  published (the worker makes them, `catalogue.renditions`); an image's tiles go with it.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page
from wagtail.signals import page_published

from catalogue import translation_status as ts
from catalogue.languages import LANGUAGE_CODES
from catalogue.models import CatalogueImage, TranslationStatus, WorkPage

from .counterparts import sync_counterpart
from .renditions import schedule_renditions
from .tiles import delete_tiles


def _translated_columns(model):
    return {
        build_localized_fieldname(field, lang)
        for field in ts.translatable_fields(model)
        for lang in LANGUAGE_CODES
    }


def update_status(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    content = instance
    if isinstance(instance, Page):
        # save_revision() saves the page with update_fields including latest_revision: the
        # instance in memory then holds the draft that was just stored. Any other partial save
        # of a page with a newer draft must read that draft, not the live columns.
        if update_fields is not None:
            fields = set(update_fields)
            if "latest_revision" in fields:
                content = instance
            elif not fields & _translated_columns(sender):
                return
            else:
                content = ts.current_content(instance)
        else:
            content = ts.current_content(instance)
    elif update_fields is not None and not set(update_fields) & _translated_columns(sender):
        return
    ts.sync_status(instance, content=content)


def delete_status(sender, instance, **kwargs):
    TranslationStatus.objects.filter(
        content_type=ts.content_type_for(sender), object_id=instance.pk
    ).delete()


def connect():
    for model in ts.tracked_models():
        post_save.connect(update_status, sender=model, dispatch_uid=f"translation-status-{model}")
        post_delete.connect(delete_status, sender=model, dispatch_uid=f"translation-del-{model}")


def image_saved(sender, instance, created, update_fields=None, **kwargs):
    # Focal-point updates (Wagtail's own task) change crops: regenerate then too.
    if created or update_fields is None or {"focal_point_x", "file"} & set(update_fields):
        schedule_renditions(instance.pk)


def image_deleted(sender, instance, **kwargs):
    # Renditions go with their rows (Wagtail); the tiles are files under iiif/<pk>/ only.
    pk = instance.pk
    transaction.on_commit(lambda: delete_tiles(pk))


def work_published(sender, instance, **kwargs):
    if instance.image_id:
        schedule_renditions(instance.image_id)


def register_signal_handlers():
    post_save.connect(image_saved, sender=CatalogueImage, dispatch_uid="leporello_image_renditions")
    post_delete.connect(image_deleted, sender=CatalogueImage, dispatch_uid="leporello_image_tiles")
    page_published.connect(
        work_published, sender=WorkPage, dispatch_uid="leporello_work_renditions"
    )
    page_published.connect(
        sync_counterpart, sender=WorkPage, dispatch_uid="leporello_work_counterpart"
    )
