"""Field-level translation: each field below gets a column per language (caption_de, caption_zh_hans, caption_en)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CatalogueImage, Photographer, Section, WorkPage


@register(CatalogueImage)
class CatalogueImageTR(TranslationOptions):
    fields = ("alt_text",)


@register(Photographer)
class PhotographerTR(TranslationOptions):
    fields = ("name", "biography")
    required_languages = ("de",)


@register(Section)
class SectionTR(TranslationOptions):
    fields = ("title", "river", "introduction")
    required_languages = ("de",)


@register(WorkPage)
class WorkPageTR(TranslationOptions):
    fields = ("caption", "description", "place_name", "medium", "credit_line")
