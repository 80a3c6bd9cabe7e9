"""Renditions are made ahead of visitors: on image upload and when a work is published."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from .models import CatalogueImage, WorkPage
from .renditions import schedule_renditions


def image_saved(sender, instance, created, update_fields=None, **kwargs):
    # Focal-point updates (Wagtail's own task) change crops: regenerate then too.
    if created or update_fields is None or {"focal_point_x", "file"} & set(update_fields):
        schedule_renditions(instance.pk)


def work_published(sender, instance, **kwargs):
    if instance.image_id:
        schedule_renditions(instance.image_id)


def register_signal_handlers():
    post_save.connect(image_saved, sender=CatalogueImage, dispatch_uid="leporello_image_renditions")
    page_published.connect(
        work_published, sender=WorkPage, dispatch_uid="leporello_work_renditions"
    )
