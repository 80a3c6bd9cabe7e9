"""Small trees of related objects that many tests share, returned with names."""

from dataclasses import dataclass, field

from catalogue.models import Section, WorkPage
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop, Venue

from .catalogue import SectionFactory, WorkPageFactory
from .exhibition import ExhibitionPageFactory, TourStopFactory, hang


@dataclass
class ExhibitionTree:
    exhibition: ExhibitionPage
    section: Section
    works: list[WorkPage]
    stop: TourStop
    venue: Venue
    entries: list[ChecklistEntry] = field(default_factory=list)


def exhibition_with_works(n=3, *, works=None, exhibition=None, stop=None, **work_fields):
    """A published exhibition with `n` works in one section, hung at one open tour stop.

    `works` (a list of dicts of WorkPageFactory arguments) names particular works, e.g.
    `works=[{"inventory_number": "BL-R-01", "title_en": "Rhine at dawn"}]`; `work_fields` apply to
    every work. `exhibition`/`stop` are ExhibitionPageFactory/TourStopFactory arguments.
    """
    section = SectionFactory()
    page = ExhibitionPageFactory(**(exhibition or {}))
    page.sections.set([section])
    page.save_revision().publish()
    specs = works if works is not None else [{} for _ in range(n)]
    made = [
        WorkPageFactory(parent=page, section=section, **{**work_fields, **spec}) for spec in specs
    ]
    tour_stop = TourStopFactory(exhibition=page, **(stop or {}))
    entries = hang(tour_stop, made)
    return ExhibitionTree(
        exhibition=ExhibitionPage.objects.get(pk=page.pk),
        section=section,
        works=made,
        stop=tour_stop,
        venue=tour_stop.venue,
        entries=entries,
    )
