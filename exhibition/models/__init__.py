from . import registrar  # noqa: F401  (registered with Django; import its names from there, never in public code)
from .pages import ExhibitionPage, HomePage
from .tours import ChecklistEntry, TourStop
from .venues import Venue

__all__ = [
    "ChecklistEntry",
    "ExhibitionPage",
    "HomePage",
    "TourStop",
    "Venue",
]
