"""Sample content for the demo exhibition.

Everything here except the exhibition title, the photographer's name and what the press release
of the City of Düsseldorf says is invented for the demo and flagged as sample content.
"""

from modeltranslation.utils import build_localized_fieldname


def translated_fields(field, values):
    """("title", {"de": …, "zh-hans": …}) -> {"title_de": …, "title_zh_hans": …}: keyword
    arguments for a model whose `field` modeltranslation translates."""
    return {build_localized_fieldname(field, lang): text for lang, text in values.items()}


EXHIBITION = {
    "slug": "flusslandschaften",
    "title": {
        "de": "Flusslandschaften an Rhein und Jangtse",
        "zh-hans": "莱茵河与长江的河流风景",
        "en": "River Landscapes on the Rhine and the Yangtze",
    },
    "subtitle": {
        "de": "Fotografien von Bernard Langerock",
        "zh-hans": "贝尔纳·朗格罗克摄影作品",
        "en": "Photographs by Bernard Langerock",
    },
    "introduction": {
        "de": (
            "<p>Der Düsseldorfer Fotograf Bernard Langerock setzt sich seit vielen Jahren "
            "künstlerisch mit der Städtepartnerschaft zwischen Düsseldorf und Chongqing auseinander. "
            "Seine Ausstellung war bereits in Düsseldorf zu sehen und wandert nun nach Chongqing.</p>"
            "<p><em>Die Werke in dieser Demo sind Beispielinhalte mit Platzhalterbildern.</em></p>"
        ),
        "zh-hans": (
            "<p>杜塞尔多夫摄影师贝尔纳·朗格罗克多年来以艺术方式关注杜塞尔多夫与重庆的友好城市关系。"
            "他的展览已在杜塞尔多夫展出，现巡展至重庆。</p>"
            "<p><em>本演示中的作品均为示例内容，图片为占位图。</em></p>"
        ),
        "en": (
            "<p>For many years the Düsseldorf photographer Bernard Langerock has explored the "
            "partnership between Düsseldorf and Chongqing in his work. His exhibition was shown in "
            "Düsseldorf and is now travelling to Chongqing.</p>"
            "<p><em>The works in this demo are sample content with placeholder images.</em></p>"
        ),
    },
}

PHOTOGRAPHER = {
    "sort_name": "Langerock, Bernard",
    "name": {"de": "Bernard Langerock", "zh-hans": "贝尔纳·朗格罗克", "en": "Bernard Langerock"},
    "biography": {
        "de": "<p>Düsseldorfer Fotograf, der sich seit vielen Jahren künstlerisch mit der "
        "Städtepartnerschaft Düsseldorf–Chongqing auseinandersetzt.</p>",
        "zh-hans": "<p>杜塞尔多夫摄影师，多年来以艺术方式关注杜塞尔多夫与重庆的友好城市关系。</p>",
        "en": "<p>Düsseldorf photographer who has explored the Düsseldorf–Chongqing city "
        "partnership in his work for many years.</p>",
    },
}

SECTIONS = [
    {
        "slug": "rhein",
        "sort_order": 1,
        "title": {"de": "Rhein", "zh-hans": "莱茵河", "en": "Rhine"},
        "river": {"de": "Rhein", "zh-hans": "莱茵河", "en": "Rhine"},
    },
    {
        "slug": "jangtse",
        "sort_order": 2,
        "title": {"de": "Jangtse", "zh-hans": "长江", "en": "Yangtze"},
        "river": {"de": "Jangtse", "zh-hans": "长江", "en": "Yangtze"},
    },
]

# (place in de, zh-hans, en) for twelve sample views on each river.
RHINE_PLACES = [
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
]
YANGTZE_PLACES = [
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
]
TIMES_OF_DAY = [
    ("Morgen", "清晨", "Morning"),
    ("Mittag", "正午", "Noon"),
    ("Abend", "傍晚", "Evening"),
    ("Nebel", "雾中", "Mist"),
]
# Every sample work's image, sheet and frame in millimetres.
SIZES = {
    "image_width_mm": 600,
    "image_height_mm": 400,
    "sheet_width_mm": 700,
    "sheet_height_mm": 500,
    "frame_width_mm": 760,
    "frame_height_mm": 560,
    "frame_depth_mm": 35,
}
# Works whose English texts are left out, so translators have something to find.
MISSING_ENGLISH = {"BL-R-05", "BL-J-03", "BL-J-10"}


def works():
    """The 24 sample works, each as a dict of plain values (no database access)."""
    result = []
    for river_index, (section, river_de, river_zh, river_en, prefix, places) in enumerate(
        [
            ("rhein", "Rhein", "莱茵河", "Rhine", "R", RHINE_PLACES),
            ("jangtse", "Jangtse", "长江", "Yangtze", "J", YANGTZE_PLACES),
        ]
    ):
        for i, (place_de, place_zh, place_en) in enumerate(places, start=1):
            time_de, time_zh, time_en = TIMES_OF_DAY[(i + river_index) % len(TIMES_OF_DAY)]
            inventory = f"BL-{prefix}-{i:02d}"
            title = {
                "de": f"{river_de} bei {place_de}, {time_de}",
                "zh-hans": f"{place_zh}的{river_zh}，{time_zh}",
                "en": f"The {river_en} at {place_en}, {time_en}",
            }
            caption = {
                "de": (
                    f"Beispieltext: Flusslandschaft am {river_de} bei {place_de}. "
                    "Der Blick folgt dem Wasser bis zum Horizont. Beispielinhalt, kein Werk der Ausstellung."
                ),
                "zh-hans": (
                    f"示例文字：{place_zh}附近{river_zh}的河流风景。视线沿着水面延伸到地平线。"
                    "示例内容，并非展览作品。"
                ),
                "en": (
                    f"Sample text: river landscape on the {river_en} at {place_en}. The view follows "
                    "the water to the horizon. Sample content, not a work in the exhibition."
                ),
            }
            if inventory in MISSING_ENGLISH:
                caption["en"] = ""
            result.append(
                {
                    "inventory_number": inventory,
                    "section": section,
                    "catalogue_number": river_index * 12 + i,
                    "year": 2012 + (i + river_index * 5) % 12,
                    "title": title,
                    "caption": caption,
                    "place_name": {"de": place_de, "zh-hans": place_zh, "en": place_en},
                    "medium": {
                        "de": "Archivpigmentdruck auf Barytpapier",
                        "zh-hans": "钡地纸收藏级颜料喷墨打印",
                        "en": ""
                        if inventory in MISSING_ENGLISH
                        else "Archival pigment print on baryta paper",
                    },
                    "credit_line": {
                        "de": "Leihgabe des Künstlers (Beispiel)",
                        "zh-hans": "艺术家出借（示例）",
                        "en": "" if inventory in MISSING_ENGLISH else "Lent by the artist (sample)",
                    },
                    **SIZES,
                    "edition_number": (i % 5) + 1,
                    "edition_size": 5,
                    "artist_proofs": 2,
                    "insurance_value": 2400 + 150 * ((i * 7 + river_index * 3) % 17),
                    "lender": "private" if i % 4 == 0 else "studio",
                }
            )
    return result


VENUES = [
    {
        "key": "duesseldorf",
        "name": {
            "de": "Beispiel-Ausstellungsort Düsseldorf",
            "zh-hans": "杜塞尔多夫示例展馆",
            "en": "Sample venue Düsseldorf",
        },
        "city": {"de": "Düsseldorf", "zh-hans": "杜塞尔多夫", "en": "Düsseldorf"},
        "address": {
            "de": "Beispielstraße 1\n40213 Düsseldorf",
            "zh-hans": "杜塞尔多夫 Beispielstraße 1号（示例）",
            "en": "Beispielstraße 1\n40213 Düsseldorf, Germany (sample)",
        },
        "opening_hours": {
            "de": "Di–So 11–18 Uhr (Beispiel)",
            "zh-hans": "周二至周日 11:00–18:00（示例）",
            "en": "Tue–Sun 11 am – 6 pm (sample)",
        },
        "country": "DE",
        "time_zone": "Europe/Berlin",
        "label_languages": ["de", "zh-hans", "en"],
    },
    {
        "key": "chongqing",
        "name": {
            "de": "Beispiel-Ausstellungsort Chongqing",
            "zh-hans": "重庆示例展馆",
            "en": "Sample venue Chongqing",
        },
        "city": {"de": "Chongqing", "zh-hans": "重庆", "en": "Chongqing"},
        "address": {
            "de": "Beispielweg 1, Yuzhong, Chongqing (Beispiel)",
            "zh-hans": "重庆市渝中区示例路1号（示例）",
            "en": "1 Sample Road, Yuzhong, Chongqing (sample)",
        },
        "opening_hours": {
            "de": "Di–So 9–17 Uhr (Beispiel)",
            "zh-hans": "周二至周日 9:00–17:00（示例）",
            "en": "Tue–Sun 9 am – 5 pm (sample)",
        },
        "country": "CN",
        "time_zone": "Asia/Shanghai",
        "label_languages": ["zh-hans", "de", "en"],
    },
]

TOUR_STOPS = [
    {
        "slug": "duesseldorf-2024",
        "venue": "duesseldorf",
        "install_start": "2024-05-21",
        "opening": "2024-05-24",
        "closing": "2024-08-25",
        "deinstall_end": "2024-08-30",
        "first_section": "rhein",
        "first_label": 1,
    },
    {
        "slug": "chongqing-2024",
        "venue": "chongqing",
        "install_start": "2024-10-08",
        "opening": "2024-10-16",
        "closing": "2025-01-12",
        "deinstall_end": "2025-01-17",
        "first_section": "jangtse",
        "first_label": 101,
    },
]

LENDERS = {
    "studio": "Atelier Bernard Langerock (Beispiel-Leihgeber)",
    "private": "Privatsammlung Düsseldorf (Beispiel-Leihgeber)",
}

# The last day of the loans per lender (the registrar's dashboard lists loans ending within 60
# days); the studio lends for the whole tour without an end date.
LOAN_ENDS = {"private": "2027-01-15"}

DEMO_PASSWORD = "leporello-demo"  # noqa: S105  (dev settings only; printed by load_demo)
DEMO_USERS = [
    ("admin", None),
    ("curator", "Curator"),
    ("translator", "Translator"),
    ("registrar", "Registrar"),
]

# -- Logistics (issue 5): the leg Düsseldorf -> Chongqing, its crates and condition reports ------

LEGS = [
    {
        "reference": "dus-ckg-2024",
        "origin": "duesseldorf-2024",
        "destination": "chongqing-2024",
        "departure": "2024-09-10",
        "arrival": "2024-09-12",
        "mode": "air",
        "carrier": "Beispiel Kunstspedition GmbH (sample)",
        "courier": "A. Muster, Kurierin (sample)",
        "status": "closed",
        # Four works per crate, in catalogue order: crate 1 holds BL-R-01..04, crate 4 BL-J-01..04.
        "crates": [
            {"number": str(n), "size": (900, 720, 330), "weight_kg": "62.5"} for n in range(1, 7)
        ],
        "check_out": {"date": "2024-08-28", "examiner": "M. Beispiel, Registrarin (sample)"},
        "check_in": {"date": "2024-10-08", "examiner": "王示例，登记员 (sample)"},
        # So that "arrived without a check-in report" has something to show.
        "missing_check_in": "BL-J-07",
        "remarks": {
            "BL-R-05": (
                "fair",
                "Kleine Druckstelle am Rahmen unten links, Glas intakt (Beispiel).",
            ),
            "BL-J-02": ("good", "Leichter Abrieb an der Rahmenkante oben (Beispiel)."),
        },
    },
]
LOAN_AGREEMENT_COLLECTION = "Leihverträge (privat)"
