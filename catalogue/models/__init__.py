from .images import CatalogueImage, CatalogueRendition
from .people import Photographer
from .sections import Section
from .translation_status import TranslationStatus
from .works import REQUIRED_TEXT_FIELDS, WorkPage, WorkPageQuerySet
from .zoom import DeepZoom

__all__ = [
    "REQUIRED_TEXT_FIELDS",
    "CatalogueImage",
    "CatalogueRendition",
    "DeepZoom",
    "Photographer",
    "Section",
    "TranslationStatus",
    "WorkPage",
    "WorkPageQuerySet",
]
