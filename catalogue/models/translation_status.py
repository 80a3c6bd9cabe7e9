from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationStatusQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )

    def for_model(self, model):
        return self.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False)
        )

    def open(self):
        """Work left for a translator: everything not approved."""
        return self.exclude(status=TranslationStatus.Status.APPROVED)


class TranslationStatus(models.Model):
    """Where one translated field of one object stands in one target language.

    German is the source: it has no rows of its own, and a field whose German text is empty has
    none either (there is nothing to translate). `source_hash` is the German text the translation
    was last checked against, `value_hash` the translation it judged; `catalogue.translation_status`
    keeps both in step with every save.
    """

    class Status(models.TextChoices):
        MISSING = "missing", _("missing")
        DRAFT = "draft", _("draft")
        NEEDS_REVIEW = "needs_review", _("needs review")
        APPROVED = "approved", _("approved")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    source_hash = models.CharField(max_length=16, blank=True)
    value_hash = models.CharField(max_length=16, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TranslationStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_status_per_field_and_language",
            )
        ]
        indexes = [models.Index(fields=["language", "status"])]
        permissions = [
            (
                "use_translation_tools",
                "Can use the translation dashboard, export and import translations",
            )
        ]

    def __str__(self):
        return (
            f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}] {self.status}"
        )
