"""Curators and translators at work in the admin: real form posts, as the browser sends them."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from catalogue.models import Section, WorkPage
from exhibition.models import ExhibitionPage
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import ALL_24, leave_out_english, rhine_and_yangtze_tour

from .admin_forms import post_edit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works (one shared picture); BL-R-05, BL-J-03 and BL-J-10 lack English."""
    tour = rhine_and_yangtze_tour(ALL_24, image=ImageFactory())
    leave_out_english(tour)
    return tour


def work_form(**overrides):
    data = {
        "title_de": "Rhein bei Wesel",
        "title_zh_hans": "韦塞尔附近的莱茵河",
        "title_en": "The Rhine at Wesel",
        "slug": "rhein-bei-wesel",
        "caption_de": "Ein breiter Strom im Abendlicht.",
        "caption_zh_hans": "暮色中宽阔的河流风景。",
        "caption_en": "A broad river in the evening light.",
        "description_de": rich_text("<p>Beschreibung.</p>"),
        "description_zh_hans": rich_text("<p>描述。</p>"),
        "description_en": rich_text(""),
        "place_name_de": "Wesel",
        "place_name_zh_hans": "韦塞尔",
        "place_name_en": "Wesel",
        "medium_de": "Pigmentdruck",
        "medium_zh_hans": "颜料喷墨打印",
        "medium_en": "Pigment print",
        "credit_line_de": "Leihgabe des Künstlers",
        "credit_line_zh_hans": "艺术家出借",
        "credit_line_en": "Lent by the artist",
        "section": Section.objects.get(slug="rhein").pk,
        "year": 2019,
        "inventory_number": "BL-R-99",
        "catalogue_number": 99,
        "image_width_mm": 500,
        "image_height_mm": 400,
        "edition_number": 1,
        "edition_size": 5,
        "artist_proofs": 1,
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data({k: v for k, v in data.items() if v is not None})


def add_url():
    parent = ExhibitionPage.objects.get(slug="flusslandschaften")
    return reverse("wagtailadmin_pages:add", args=("catalogue", "workpage", parent.pk))


def test_curator_creates_a_work_with_chinese_text(client_for, curator):
    client = client_for(curator)
    response = client.post(add_url(), work_form())
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    work = WorkPage.objects.get(inventory_number="BL-R-99")
    assert work.live
    assert work.title_zh_hans == "韦塞尔附近的莱茵河"
    assert work.caption_zh_hans == "暮色中宽阔的河流风景。"
    assert work.year == 2019
    assert work.image_width_mm == 500
    # Published: the Chinese page shows the Chinese title.
    page = client.get("/zh-hans/flusslandschaften/rhein-bei-wesel/")
    assert "韦塞尔附近的莱茵河" in page.content.decode()


def test_duplicate_inventory_number_is_a_form_error_and_nothing_is_saved(client_for, curator):
    client = client_for(curator)
    before = WorkPage.objects.count()
    response = client.post(add_url(), work_form(inventory_number="BL-R-01"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "inventory_number" in errors
    assert errors.as_data()["inventory_number"][0].code == "unique"
    assert WorkPage.objects.count() == before


def test_edition_number_over_size_is_a_form_error(client_for, curator):
    response = client_for(curator).post(add_url(), work_form(edition_number=9))
    assert response.status_code == 200
    assert "edition_number" in response.context["form"].errors
    assert not WorkPage.objects.filter(inventory_number="BL-R-99").exists()


def edited(client, number, **changes):
    """The work `number` after `client` submitted its edit form with `changes` (accepted)."""
    work = WorkPage.objects.get(inventory_number=number)
    response = post_edit(client, work, **changes)
    assert response.status_code == 302
    work.refresh_from_db()
    return work


def test_curator_edits_chinese_caption(client_for, curator):
    publish = {"action-publish": "publish"}
    work = edited(
        client_for(curator), "BL-J-02", caption_zh_hans="长江上的晨雾，新的说明。", **publish
    )
    assert work.caption_zh_hans == "长江上的晨雾，新的说明。"


def test_translator_sees_texts_but_not_facts(client_for, translator):
    work = WorkPage.objects.get(inventory_number="BL-J-03")
    response = client_for(translator).get(reverse("wagtailadmin_pages:edit", args=(work.pk,)))
    assert response.status_code == 200
    fields = response.context["form"].fields
    assert {"caption_zh_hans", "caption_en", "title_en"} <= set(fields)
    for fact in ("year", "inventory_number", "image_width_mm", "edition_size", "section"):
        assert fact not in fields, fact


def test_translator_can_fill_in_english_but_not_change_the_year(client_for, translator):
    text = "Sample text: river landscape, now translated."
    # The year is not on the translator's form: it must be ignored.
    work = edited(client_for(translator), "BL-J-03", caption_en=text, year=1999)
    draft = work.get_latest_revision_as_object()
    assert draft.caption_en == "Sample text: river landscape, now translated."
    assert draft.year != 1999
    assert work.has_unpublished_changes  # translators save drafts; curators publish


def test_translator_cannot_publish(client_for, translator):
    work = WorkPage.objects.get(inventory_number="BL-J-03")
    assert not work.permissions_for_user(translator).can_publish()


def test_works_listing_filters_by_missing_language(client_for, curator):
    client = client_for(curator)
    response = client.get(reverse("works:index"), {"missing_language": "en"})
    assert response.status_code == 200
    listed = {p.specific.inventory_number for p in response.context["object_list"]}
    assert listed == {"BL-R-05", "BL-J-03", "BL-J-10"}


def test_works_listing_filters_by_section_and_tour_stop(client_for, curator):
    from exhibition.models import TourStop

    client = client_for(curator)
    section = Section.objects.get(slug="jangtse")
    response = client.get(reverse("works:index"), {"section": section.pk})
    assert {p.specific.section_id for p in response.context["object_list"]} == {section.pk}
    assert len(response.context["object_list"]) == 12
    stop = TourStop.objects.get(slug="chongqing-2024")
    stop.checklist.filter(work__inventory_number="BL-R-01").delete()
    response = client.get(reverse("works:index"), {"tour_stop": stop.pk})
    listed = {p.specific.inventory_number for p in response.context["object_list"]}
    assert len(listed) == 23 and "BL-R-01" not in listed


def test_works_listing_search_finds_inventory_number(client_for, curator):
    response = client_for(curator).get(reverse("works:index"), {"q": "BL-J-07"})
    listed = [p.specific.inventory_number for p in response.context["object_list"]]
    assert "BL-J-07" in listed


def test_works_listing_reads_missing_languages_without_a_query_per_row(client_for, curator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(curator)
    section = Section.objects.get(slug="jangtse")
    client.get(reverse("works:index"))  # warm caches (content types, site, permissions)
    with CaptureQueriesContext(connection) as all_works:
        response = client.get(reverse("works:index"))
    assert len(response.context["object_list"]) == 24
    assert "Englisch: fehlt" in response.text  # the "Translation" column, language names in German
    with CaptureQueriesContext(connection) as half:
        response = client.get(reverse("works:index"), {"section": section.pk})
    assert len(response.context["object_list"]) == 12
    assert len(all_works) <= len(half), (len(all_works), len(half))  # no query per row
