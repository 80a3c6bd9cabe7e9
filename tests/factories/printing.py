"""Small builders for print tests on an exhibition named like the demo (the demo itself, or
rhine_and_yangtze_tour): a work without an image, an empty stop, a stop hanging given works."""

import datetime

from catalogue.models import Section, WorkPage
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop


def work_without_image(inventory="BL-X-01"):
    exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
    work = WorkPage(
        slug=inventory.lower(),
        inventory_number=inventory,
        section=Section.objects.get(slug="rhein"),
        catalogue_number=99,
        year=2020,
        title_de="Rhein ohne Bild",
        title_zh_hans="没有图片的莱茵河",
        title_en="Rhine without an image",
        caption_de="Ein Werk ohne Abbildung.",
        caption_zh_hans="一件没有图片的作品。",
        caption_en="A work without an image.",
        place_name_de="Köln",
        place_name_zh_hans="科隆",
        place_name_en="Cologne",
        medium_de="Silbergelatine",
        medium_zh_hans="银盐",
        medium_en="Gelatin silver print",
        credit_line_de="Privatbesitz",
        credit_line_zh_hans="私人收藏",
        credit_line_en="Private collection",
    )
    exhibition.add_child(instance=work)
    work.save_revision().publish()
    return WorkPage.objects.get(pk=work.pk)


def empty_stop(slug="empty-2030"):
    source = TourStop.objects.get(slug="duesseldorf-2024")
    return TourStop.objects.create(
        exhibition=source.exhibition,
        venue=source.venue,
        slug=slug,
        install_start=datetime.date(2030, 1, 1),
        opening=datetime.date(2030, 1, 10),
        closing=datetime.date(2030, 2, 1),
        deinstall_end=datetime.date(2030, 2, 5),
    )


def stop_with(works, slug="solo-2030"):
    stop = empty_stop(slug)
    for position, work in enumerate(works):
        ChecklistEntry.objects.create(
            tour_stop=stop, work=work, sort_order=position, label_number=position + 1
        )
    return stop
