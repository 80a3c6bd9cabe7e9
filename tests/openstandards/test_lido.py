"""LIDO 1.1 export of an exhibition or tour stop: valid against the LIDO 1.1 XSD, every language as
xml:lang variants, public data only, hostile text cleaned; the command and the admin download."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from catalogue.models import Photographer, WorkPage
from catalogue.renditions import make_renditions_task
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop
from openstandards.iiif import BODY_SPECS
from tests.exhibition.test_privacy_crawl import number_patterns, private_values
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.exhibition import private_collection
from tests.factories.logistics import duesseldorf_to_chongqing, loans
from tests.factories.pages import trilingual
from tests.factories.trees import leave_out_english, rhine_and_yangtze_tour

from .validators import lido_errors

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Four works by the demo's photographer sharing one picture with its JPEG renditions,
    BL-R-05 without English texts (as in the demo), their loans, the leg with crates and
    condition reports, the loan agreements' collection."""
    numbers = ("BL-R-01", "BL-R-05", "BL-J-01", "BL-J-02")
    image = ImageFactory()
    make_renditions_task.call(image.pk, [spec for spec in BODY_SPECS if "jpeg" in spec])
    tour = rhine_and_yangtze_tour(numbers, image=image)
    leave_out_english(tour, ("BL-R-05",))
    Photographer.objects.filter(pk=tour.exhibition.photographer_id).update(
        **trilingual("name", "Bernard Langerock", "贝尔纳·朗格罗克", "Bernard Langerock")
    )
    loans(tour.works.values())
    duesseldorf_to_chongqing(tour)
    private_collection("Leihverträge (privat)")
    return tour


NS = {"lido": "http://www.lido-schema.org"}
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ["de", "zh-Hans", "en"]
HAN = re.compile(r"[\u4e00-\u9fff]")


def export_lido(tmp_path, target):
    output = tmp_path / "out.xml"
    stdout = io.StringIO()
    call_command("export_lido", target, "-o", str(output), stdout=stdout)
    content = output.read_bytes()
    assert lido_errors(content) == []
    return content, etree.fromstring(content), stdout.getvalue()


def record_of(root, inventory_number):
    found = root.xpath(f"lido:lido[.//lido:workID='{inventory_number}']", namespaces=NS)
    assert len(found) == 1
    return found[0]


def variants(record, path):
    return {e.get(LANG): e.text for e in record.xpath(path, namespaces=NS)}


def test_stop_export_is_valid_lido_with_three_languages(tmp_path):
    stop = TourStop.objects.get(slug="chongqing-2024")
    _content, root, stdout = export_lido(tmp_path, "chongqing-2024")
    entries = list(stop.checklist.order_by("sort_order", "label_number").select_related("work"))
    numbers = root.xpath("lido:lido//lido:workID/text()", namespaces=NS)
    assert numbers == [e.work.inventory_number for e in entries]  # hanging order
    assert f"{len(entries)} Werke" in stdout  # commands speak LANGUAGE_CODE (German)
    work = next(e.work for e in entries if not e.work.missing_languages())
    record = record_of(root, work.inventory_number)
    titles = variants(record, ".//lido:titleSet/lido:appellationValue")
    assert list(titles) == LANGUAGES
    assert titles["zh-Hans"] == work.title_zh_hans and HAN.search(titles["zh-Hans"])
    assert list(variants(record, ".//lido:descriptiveNoteValue")) == LANGUAGES
    assert variants(record, ".//lido:creditLine[not(ancestor::lido:rightsResource)]") == {
        "de": work.credit_line_de,
        "zh-Hans": work.credit_line_zh_hans,
        "en": work.credit_line_en,
    }
    work_type = variants(record, ".//lido:objectWorkType/lido:term")
    assert work_type["en"] == "photograph" and work_type["zh-Hans"] == "摄影作品"
    assert record.xpath("string(.//lido:objectWorkType/lido:conceptID)", namespaces=NS) == (
        "http://vocab.getty.edu/aat/300046300"
    )
    role = variants(record, ".//lido:actorInRole/lido:roleActor/lido:term")
    assert role["en"] == "photographer"
    assert "Bernard Langerock" in record.xpath(
        ".//lido:nameActorSet/lido:appellationValue/text()", namespaces=NS
    )
    assert record.xpath("string(.//lido:earliestDate)", namespaces=NS) == str(work.year)
    widths = record.xpath(
        ".//lido:objectMeasurements[lido:extentMeasurements='image']/lido:measurementsSet"
        "[lido:measurementType='width']",
        namespaces=NS,
    )
    assert widths[0].findtext("lido:measurementUnit", namespaces=NS) == "mm"
    assert widths[0].findtext("lido:measurementValue", namespaces=NS) == str(work.image_width_mm)
    venue = variants(record, ".//lido:repositoryName//lido:appellationValue")
    assert HAN.search(venue["zh-Hans"])
    exhibition_dates = record.xpath(
        ".//lido:event[lido:eventType/lido:conceptID='http://terminology.lido-schema.org/lido00225']"
        "//lido:earliestDate/text()",
        namespaces=NS,
    )
    assert exhibition_dates == [stop.opening.isoformat()]
    link = record.xpath("string(.//lido:resourceRepresentation/lido:linkResource)", namespaces=NS)
    assert link.startswith("https://leporello.example.org/media/images/") and link.endswith(".jpg")
    assert record.xpath("string(.//lido:recordInfoLink)", namespaces=NS).startswith(
        "https://leporello.example.org/de/"
    )


def test_exhibition_export_by_slug_and_by_id_and_stop_by_id(tmp_path):
    exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    # Ids of the two kinds must not clash for this test (a clash is its own test below).
    TourStop.objects.filter(pk=exhibition.pk).exclude(pk=stop.pk).update(status="cancelled")
    assert stop.pk != exhibition.pk
    _content, by_slug, _out = export_lido(tmp_path, "flusslandschaften")
    _content, by_id, _out = export_lido(tmp_path, str(exhibition.pk))
    numbers = by_slug.xpath("lido:lido//lido:workID/text()", namespaces=NS)
    assert numbers == [w.inventory_number for w in exhibition.works()]
    assert by_id.xpath("lido:lido//lido:workID/text()", namespaces=NS) == numbers
    _content, root, _out = export_lido(tmp_path, str(stop.pk))
    assert len(root) == stop.checklist.exclude(status="withdrawn").count()


def test_an_id_of_both_an_exhibition_and_a_stop_asks_for_a_slug(tmp_path):
    import datetime

    from openstandards.targets import UnknownTarget, find_target

    exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
    venue = TourStop.objects.get(slug="duesseldorf-2024").venue
    day = datetime.date(2031, 5, 1)
    TourStop.objects.update_or_create(
        pk=exhibition.pk,
        defaults={
            "exhibition": exhibition,
            "venue": venue,
            "slug": "same-id-2031",
            "install_start": day,
            "opening": day,
            "closing": day,
            "deinstall_end": day,
            "status": "planned",
        },
    )
    with pytest.raises(UnknownTarget, match="sowohl eine Ausstellung als auch eine Tourstation"):
        find_target(str(exhibition.pk))


def test_unknown_target_is_a_clear_error_listing_the_choices(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("export_lido", "nowhere-1999", "-o", str(tmp_path / "x.xml"))
    message = str(error.value)
    assert "nowhere-1999" in message
    assert "flusslandschaften" in message and "chongqing-2024" in message
    assert not list(tmp_path.iterdir())
    with pytest.raises(CommandError, match="-o DATEI"):
        call_command("export_lido", "chongqing-2024")


def test_withdrawn_and_unpublished_works_are_left_out(tmp_path):
    stop = TourStop.objects.get(slug="chongqing-2024")
    entries = list(stop.checklist.order_by("sort_order").select_related("work"))
    withdrawn, unpublished = entries[0], entries[1].work
    withdrawn.status = ChecklistEntry.Status.WITHDRAWN
    withdrawn.save()
    unpublished.unpublish()
    _content, root, _out = export_lido(tmp_path, "chongqing-2024")
    numbers = root.xpath("lido:lido//lido:workID/text()", namespaces=NS)
    assert withdrawn.work.inventory_number not in numbers
    assert unpublished.inventory_number not in numbers
    assert len(numbers) == len(entries) - 2


def test_private_values_never_appear(tmp_path, private_demo):
    texts, numbers = private_values()
    for target in ("chongqing-2024", "duesseldorf-2024", "flusslandschaften"):
        content, _root, _out = export_lido(tmp_path, target)
        text = content.decode()
        assert not [t for t in texts if t in text], target
        assert not [p for n in numbers for p in number_patterns(n) if p.search(text)], target


def test_hostile_text_is_cleaned_and_still_valid(tmp_path):
    work = WorkPage.objects.get(inventory_number="BL-J-01")
    work.title_de = "Jangtse \x01\x1b[31m <script>alert(1)</script> & Ufer \ufffe"
    work.description_zh_hans = (
        '<p>长江<b>夜景</b></p><p><a href="javascript:alert(1)">链接</a>\x0c</p>'
    )
    work.credit_line_en = "]]> <!-- x --> &amp; \x7f"
    work.save_revision().publish()
    content, root, _out = export_lido(tmp_path, "chongqing-2024")
    record = record_of(root, "BL-J-01")
    assert variants(record, ".//lido:titleSet/lido:appellationValue")["de"] == "Jangtse [31m & Ufer"
    descriptions = [
        e.text
        for e in record.xpath(".//lido:descriptiveNoteValue[@xml:lang='zh-Hans']", namespaces=NS)
    ]
    assert "长江夜景\n\n链接" in descriptions
    assert b"<script" not in content and b"javascript:" not in content and b"<b>" not in content
    credit = variants(record, ".//lido:rightsWorkSet/lido:creditLine")["en"]
    assert credit == "]]> &"


def test_admin_download_for_staff_who_see_the_tour(client_for, curator, registrar, translator):
    stop = TourStop.objects.get(slug="chongqing-2024")
    exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
    listing = client_for(curator).get("/admin/snippets/exhibition/tourstop/")
    assert f"/admin/lido/stop/{stop.pk}/" in listing.text
    edit = client_for(curator).get(f"/admin/snippets/exhibition/tourstop/edit/{stop.pk}/")
    header = edit.text.split("<header", 1)[1].split("</header>", 1)[0]
    assert f"/admin/lido/stop/{stop.pk}/" in header
    page = client_for(curator).get(f"/admin/pages/{exhibition.pk}/edit/")
    assert f"/admin/lido/exhibition/{exhibition.pk}/" in page.text
    for user in (curator, registrar):
        response = client_for(user).get(f"/admin/lido/stop/{stop.pk}/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="lido-chongqing-2024.xml"'
        assert lido_errors(response.content) == []
    response = client_for(curator).get(f"/admin/lido/exhibition/{exhibition.pk}/")
    assert response.status_code == 200 and lido_errors(response.content) == []
    # Not found (Django's LocaleMiddleware turns an unprefixed 404 into a redirect).
    for missing in ("/admin/lido/stop/999999/", f"/admin/lido/venue/{stop.pk}/"):
        response = client_for(curator).get(missing)
        assert response.status_code in (302, 404) and b"lidoWrap" not in response.content
    refused = client_for(translator).get(f"/admin/lido/stop/{stop.pk}/")
    assert refused.status_code in (302, 403)
    assert b"lidoWrap" not in refused.content
    assert (
        "/admin/lido/" not in client_for(translator).get(f"/admin/pages/{exhibition.pk}/edit/").text
    )
