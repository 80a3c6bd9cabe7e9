from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ChecklistEntry, ExhibitionPage, HomePage, Venue


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("introduction",)


@register(ExhibitionPage)
class ExhibitionPageTR(TranslationOptions):
    fields = ("subtitle", "introduction")


@register(Venue)
class VenueTR(TranslationOptions):
    fields = ("name", "city", "address", "opening_hours")
    required_languages = ("de",)


@register(ChecklistEntry)
class ChecklistEntryTR(TranslationOptions):
    fields = ("caption_override", "credit_line_override")
