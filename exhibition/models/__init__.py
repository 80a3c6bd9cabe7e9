from . import registrar  # noqa: F401  (registered with Django; import its names from there, never in public code)
from .condition import ConditionPhoto, ConditionReport
from .logistics import Crate, TransitLeg
from .pages import ExhibitionPage, HomePage
from .tours import ChecklistEntry, TourStop
from .venues import Venue

__all__ = [
    "ChecklistEntry",
    "ConditionPhoto",
    "ConditionReport",
    "Crate",
    "ExhibitionPage",
    "HomePage",
    "TourStop",
    "TransitLeg",
    "Venue",
]
