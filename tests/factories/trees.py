"""Small trees of related objects that many tests share, returned with names."""

import datetime
import io
import random
from dataclasses import dataclass, field

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from catalogue.models import Section, WorkPage
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop, Venue

from .catalogue import ImageFactory, SectionFactory, WorkPageFactory
from .exhibition import (
    ExhibitionPageFactory,
    TourStopFactory,
    VenueFactory,
    hang,
    private_collection,
)
from .pages import trilingual


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


@dataclass
class Tour:
    """Two stops with the demo's names and dates, each hanging the same few works."""

    exhibition: ExhibitionPage
    sections: dict[str, Section]
    works: dict[str, WorkPage]  # by inventory number
    duesseldorf: TourStop
    chongqing: TourStop


def rhine_and_yangtze_tour(inventory=("BL-R-01", "BL-J-01"), **work_fields):
    """The demo's shape in miniature: exhibition `flusslandschaften`, sections `rhein`/`jangtse`,
    venues in Düsseldorf (labels de, zh-hans, en) and Chongqing (zh-hans, de, en), tour stops
    `duesseldorf-2024` (labels from 1) and `chongqing-2024` (labels from 101) with the demo's
    dates, and the works named by `inventory` (BL-R-… on the Rhine, BL-J-… on the Yangtze).

    Tests that assert on a demo name get the same name here, and nothing else of the demo.
    """
    sections = {
        "rhein": SectionFactory(
            slug="rhein", sort_order=1, **trilingual("title", "Rhein", "莱茵河", "Rhine")
        ),
        "jangtse": SectionFactory(
            slug="jangtse", sort_order=2, **trilingual("title", "Jangtse", "长江", "Yangtze")
        ),
    }
    page = ExhibitionPageFactory(
        slug="flusslandschaften",
        **trilingual(
            "title",
            "Flusslandschaften an Rhein und Jangtse",
            "莱茵河与长江的河流风景",
            "River Landscapes on the Rhine and the Yangtze",
        ),
    )
    page.sections.set(sections.values())
    page.save_revision().publish()
    works = {}
    for number in inventory:
        section = sections["rhein" if number.startswith("BL-R") else "jangtse"]
        works[number] = WorkPageFactory(
            parent=page,
            inventory_number=number,
            section=section,
            catalogue_number=int(number[-2:]) + (12 if section.slug == "jangtse" else 0),
            **work_fields,
        )
    duesseldorf = TourStopFactory(
        exhibition=page,
        slug="duesseldorf-2024",
        venue=VenueFactory(
            country="DE",
            time_zone="Europe/Berlin",
            **trilingual("city", "Düsseldorf", "杜塞尔多夫", "Düsseldorf"),
        ),
        install_start=datetime.date(2024, 5, 21),
        opening=datetime.date(2024, 5, 24),
        closing=datetime.date(2024, 8, 25),
        deinstall_end=datetime.date(2024, 8, 30),
    )
    chongqing = TourStopFactory(
        exhibition=page,
        slug="chongqing-2024",
        venue=VenueFactory(
            country="CN",
            time_zone="Asia/Shanghai",
            label_language_1="zh-hans",
            label_language_2="de",
            label_language_3="en",
            **trilingual("city", "Chongqing", "重庆", "Chongqing"),
        ),
        install_start=datetime.date(2024, 10, 8),
        opening=datetime.date(2024, 10, 16),
        closing=datetime.date(2025, 1, 12),
        deinstall_end=datetime.date(2025, 1, 17),
    )
    hang(duesseldorf, sorted(works.values(), key=lambda w: (w.section.sort_order, w.pk)))
    hang(
        chongqing,
        sorted(works.values(), key=lambda w: (-w.section.sort_order, w.pk)),
        first_label=101,
    )
    return Tour(
        exhibition=ExhibitionPage.objects.get(pk=page.pk),
        sections=sections,
        works=works,
        duesseldorf=duesseldorf,
        chongqing=chongqing,
    )


# The demo's 24 inventory numbers: BL-R-01 … BL-R-12 (Rhine), BL-J-01 … BL-J-12 (Yangtze).
ALL_24 = tuple(f"BL-{river}-{i:02d}" for river in "RJ" for i in range(1, 13))


def pair_rivers(tour):
    """Counterparts as in the demo: BL-R-nn and BL-J-nn point at each other, where both exist."""
    for number, rhine in tour.works.items():
        yangtze = tour.works.get(number.replace("BL-R-", "BL-J-"))
        if number.startswith("BL-R-") and yangtze is not None:
            WorkPage.objects.filter(pk=rhine.pk).update(counterpart=yangtze)
            WorkPage.objects.filter(pk=yangtze.pk).update(counterpart=rhine)


def leave_out_english(tour, numbers=("BL-R-05", "BL-J-03", "BL-J-10")):
    """As the demo does for translators to find: no English caption, medium or credit line for
    the works `numbers` (published)."""
    for number in numbers:
        work = tour.works[number]
        work.caption_en = work.medium_en = work.credit_line_en = ""
        work.save_revision().publish()


def tour_with_loan_agreements(collection="Leihverträge (privat)"):
    """rhine_and_yangtze_tour with one work, BL-R-01, and the demo's collection for loan
    agreements, which only the Registrar group may open."""
    private_collection(collection)
    return rhine_and_yangtze_tour(("BL-R-01",))


# Places and times of day of the demo's titles, by river: BL-R-nn is RHINE[nn - 1].
RHINE = (
    ("Düsseldorf", "杜塞尔多夫", "Düsseldorf"),
    ("Kaiserswerth", "凯撒斯韦特", "Kaiserswerth"),
    ("Köln", "科隆", "Cologne"),
    ("Bonn", "波恩", "Bonn"),
    ("Koblenz", "科布伦茨", "Koblenz"),
    ("Loreley", "罗蕾莱", "Loreley"),
    ("Bingen", "宾根", "Bingen"),
    ("Rüdesheim", "吕德斯海姆", "Rüdesheim"),
    ("Mainz", "美因茨", "Mainz"),
    ("Duisburg", "杜伊斯堡", "Duisburg"),
    ("Neuss", "诺伊斯", "Neuss"),
    ("Basel", "巴塞尔", "Basel"),
)
YANGTZE = (
    ("Chongqing, Chaotianmen", "重庆朝天门", "Chongqing, Chaotianmen"),
    ("Fuling", "涪陵", "Fuling"),
    ("Fengdu", "丰都", "Fengdu"),
    ("Zhongxian", "忠县", "Zhongxian"),
    ("Wanzhou", "万州", "Wanzhou"),
    ("Qutang-Schlucht", "瞿塘峡", "Qutang Gorge"),
    ("Wu-Schlucht", "巫峡", "Wu Gorge"),
    ("Xiling-Schlucht", "西陵峡", "Xiling Gorge"),
    ("Yichang", "宜昌", "Yichang"),
    ("Wuhan", "武汉", "Wuhan"),
    ("Nanjing", "南京", "Nanjing"),
    ("Shanghai", "上海", "Shanghai"),
)
TIMES = (
    ("Morgen", "清晨", "Morning"),
    ("Mittag", "正午", "Noon"),
    ("Abend", "傍晚", "Evening"),
    ("Nebel", "雾中", "Mist"),
)


def _demo_text(number):
    """{field: value} of the demo's title, caption and place for inventory number `number`."""
    yangtze = number.startswith("BL-J-")
    river = ("Jangtse", "长江", "Yangtze") if yangtze else ("Rhein", "莱茵河", "Rhine")
    index = int(number[-2:])
    place = (YANGTZE if yangtze else RHINE)[index - 1]
    time = TIMES[(index + yangtze) % len(TIMES)]
    return {
        **trilingual(
            "title",
            f"{river[0]} bei {place[0]}, {time[0]}",
            f"{place[1]}的{river[1]}，{time[1]}",
            f"The {river[2]} at {place[2]}, {time[2]}",
        ),
        **trilingual(
            "caption",
            f"Beispieltext: Flusslandschaft am {river[0]} bei {place[0]}.",
            f"示例文字：{place[1]}附近{river[1]}的河流风景。",
            f"Sample text: river landscape on the {river[2]} at {place[2]}.",
        ),
        **trilingual("place_name", *place),
    }


def demo_texts():
    """WorkPageFactory arguments for rhine_and_yangtze_tour(…, **demo_texts()): each work gets
    the demo's title, caption and place for its inventory number (BL-R-05: "Rhein bei Koblenz,
    Mittag", caption with 河流风景), so searches and pages that name them find them."""
    fields = _demo_text("BL-R-01")
    return {
        name: factory.LazyAttribute(lambda o, name=name: _demo_text(o.inventory_number)[name])
        for name in fields
    }


def name_as_in_demo(tour):
    """The demo's photographer and venue names on `tour`: "Bernard Langerock", "Beispiel-
    Ausstellungsort Düsseldorf" and "… Chongqing" (link previews and JSON-LD name them)."""
    photographer = tour.exhibition.photographer
    for name, value in trilingual(
        "name", "Bernard Langerock", "贝尔纳·朗格罗克", "Bernard Langerock"
    ).items():
        setattr(photographer, name, value)
    photographer.save()
    for stop, city, zh_hans, en in (
        (tour.duesseldorf, "Düsseldorf", "杜塞尔多夫示例展馆", "Sample venue Düsseldorf"),
        (tour.chongqing, "Chongqing", "重庆示例展馆", "Sample venue Chongqing"),
    ):
        Venue.objects.filter(pk=stop.venue_id).update(
            **trilingual("name", f"Beispiel-Ausstellungsort {city}", zh_hans, en)
        )
    return tour


def noisy_image(size=(1024, 768), seed=0):
    """An ImageFactory picture of random pixels (the same every run): its JPEG, renditions and
    zoom tiles stay large, where a one-colour picture compresses to almost nothing (budgets)."""
    pixels = random.Random(seed).randbytes(size[0] * size[1] * 3)
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", size, pixels).save(buffer, "JPEG", quality=85)
    image = ImageFactory()
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"noise-{image.pk}.jpg")
    image._set_image_file_metadata()
    image.save()
    return image
