"""Many works at once, for scale tests and benchmarks (issue 19): 1,000 works in seconds.

`add_works(exhibition, stop, count)` writes `count` published works under `exhibition`, sharing
one photograph, and hangs them at `stop` after its last label: the page rows in one bulk insert
(the tree paths computed here, as treebeard would), one row per work for the WorkPage table, the
checklist entries and the search index in bulk. No revisions, no translation statuses (the pages
read them in one query whatever their number). Not for real data: works made this way have no
history.

`publish_copy` and `next_stop_with_leg` add to the demo the way an editor would (one published
revision per work; a stop and a leg to move works along), for benches and tests of one screen.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from catalogue.models import Section, WorkPage
from catalogue.signals import announce_public_change

from .models import ChecklistEntry, Crate, TourStop, TransitLeg

COPIED_TEXTS = ("title", "caption", "place_name", "medium", "credit_line")


@transaction.atomic
def add_works(exhibition, stop, count, image=None, prefix="S"):
    """Add `count` works (inventory numbers `{prefix}-00001`, …) and hang them at `stop`.

    Returns the new WorkPage objects. `image` is the CatalogueImage they share (None: none)."""
    exhibition = Page.objects.get(pk=exhibition.pk)
    content_type = ContentType.objects.get_for_model(WorkPage)
    sections = list(Section.objects.all()) or [None]
    last = exhibition.get_last_child()
    first_step = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    first_label = (
        max(
            ChecklistEntry.objects.filter(tour_stop=stop).values_list("label_number", flat=True),
            default=0,
        )
        + 1
    )
    now = timezone.now()
    works = []
    for n in range(count):
        number = first_label + n
        slug = f"{prefix.lower()}-{number:05d}"
        works.append(
            WorkPage(
                title=f"Flussbild {number}",
                title_de=f"Flussbild {number}",
                title_zh_hans=f"河流图 {number}",
                title_en=f"River picture {number}",
                slug=slug,
                path=exhibition.path + Page._int2str(first_step + n).rjust(Page.steplen, "0"),
                depth=exhibition.depth + 1,
                numchild=0,
                url_path=f"{exhibition.url_path}{slug}/",
                content_type=content_type,
                locale_id=exhibition.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                caption_de=f"Der Rhein bei Kilometer {number}, Morgenlicht.",
                caption_zh_hans=f"莱茵河第{number}公里，晨光。",
                caption_en=f"The Rhine at kilometre {number}, morning light.",
                inventory_number=f"{prefix}-{number:05d}",
                catalogue_number=1000 + number,
                section=sections[n % len(sections)],
                image=image,
                year=2000 + n % 25,
            )
        )
    pages = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(w, f.attname) for f in Page._meta.concrete_fields})
            for w in works
        ]
    )
    for page, work in zip(pages, works, strict=True):
        work.pk = work.id = work.page_ptr_id = page.pk
        work.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=exhibition.pk).update(numchild=exhibition.numchild + count)
    ChecklistEntry.objects.bulk_create(
        ChecklistEntry(
            tour_stop=stop,
            work_id=work.pk,
            label_number=first_label + n,
            sort_order=first_label + n,
        )
        for n, work in enumerate(works)
    )
    get_search_backend().add_bulk(WorkPage, works)
    announce_public_change(sender=WorkPage)
    return works


def publish_copy(exhibition, template, number, stop=None, **fields):
    """Publish under `exhibition` a work with the texts of `template` (slug `bench-{number}`,
    inventory number `BENCH-{number:04d}`) through a revision, as an editor would; `fields`
    override. With `stop`, hang it there as label 100 + `number`."""
    texts = {
        f"{field}_{lang}": getattr(template, f"{field}_{lang}")
        for field in COPIED_TEXTS
        for lang in ("de", "zh_hans", "en")
    }
    work = WorkPage(
        slug=f"bench-{number}",
        inventory_number=f"BENCH-{number:04d}",
        section=template.section,
        **{**texts, **fields},
    )
    exhibition.add_child(instance=work)
    work.save_revision().publish()
    if stop is not None:
        ChecklistEntry.objects.create(
            tour_stop=stop, work=work, label_number=100 + number, sort_order=number
        )
    return work


def next_stop_with_leg(stop, venue, crate="A"):
    """Bonn (spring 2025, at `venue`) after `stop`, and a planned leg between them with one
    empty crate numbered `crate`. Returns (the new stop, the leg)."""
    bonn = TourStop.objects.create(
        exhibition=stop.exhibition,
        venue=venue,
        slug="bonn-2025",
        install_start=datetime.date(2025, 3, 1),
        opening=datetime.date(2025, 3, 5),
        closing=datetime.date(2025, 5, 1),
        deinstall_end=datetime.date(2025, 5, 6),
    )
    leg = TransitLeg.objects.create(
        exhibition=stop.exhibition,
        reference="ckg-bonn-2025",
        origin=stop,
        destination=bonn,
        departure=datetime.date(2025, 1, 20),
        arrival=datetime.date(2025, 2, 20),
    )
    Crate.objects.create(
        leg=leg, number=crate, width_mm=900, height_mm=700, depth_mm=300, weight_kg=50
    )
    return bonn, leg
