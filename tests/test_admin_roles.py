"""Each role's admin home and menus: its own dashboard panel, nothing it cannot use."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from catalogue.models import WorkPage
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import ALL_24, leave_out_english, rhine_and_yangtze_tour
from tests.json_tree import json_objects

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works (one shared picture) on view at Düsseldorf and Chongqing 2024;
    BL-R-05, BL-J-03 and BL-J-10 lack their English texts (3 works x 3 texts)."""
    tour = rhine_and_yangtze_tour(ALL_24, image=ImageFactory())
    leave_out_english(tour)
    return tour


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response


def menu_urls(response):
    """The addresses in the main menu (Wagtail draws it from JSON props)."""
    soup = BeautifulSoup(response.text, "html.parser")
    props = json.loads(soup.find("script", id="wagtail-sidebar-props").string)
    return [node["url"] for node in json_objects(props) if isinstance(node.get("url"), str)]


def test_curator_sees_what_waits_and_no_stock_panels(client, curator, translator):
    page = WorkPage.objects.get(inventory_number="BL-R-05")
    draft = page.get_latest_revision_as_object()
    draft.caption_en, draft.medium_en, draft.credit_line_en = "Rhine.", "Print.", "Lent."
    draft.save_revision(user=translator)
    own = WorkPage.objects.get(inventory_number="BL-R-01")
    own.save_revision(user=curator, log_action=True).publish(user=curator)  # a recent edit
    response = home(client, curator)
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find(id="leporello-curator-section") is not None
    assert soup.find(id="leporello-translator-section") is None
    drafts = soup.select("tr.curator-draft")
    assert [row.find("a").text.split()[0] for row in drafts] == ["BL-R-05"]
    assert translator.username in drafts[0].text and "Englisch" in drafts[0].text
    missing = soup.find(id="curator-missing").find_parent("section").text
    assert "BL-J-03" in missing and "BL-R-05" not in missing  # drafted, waiting to be published
    stop = soup.find(id="curator-stop").find_parent("section").text
    assert "Chongqing" in stop or "重庆" in stop
    assert "ausgestellt: 24" in stop  # counted by status
    # Wagtail's page counts, search box and "Your most recent edits" are gone.
    assert soup.find(id="recent-edits-section") is None
    assert soup.find("form", attrs={"role": "search"}) is None
    assert "/admin/reports/" not in " ".join(menu_urls(response))


def test_translator_gets_work_left_per_language_with_editor_links(client, translator):
    response = home(client, translator)
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find(id="leporello-curator-section") is None
    assert soup.find(id="leporello-translator-section") is not None
    english = soup.select_one('.translator-language[data-language="en"]')
    assert english.select_one(".count-missing").text == "9"  # 3 works × 3 texts in the demo
    links = [a["href"] for a in english.select(".translator-objects a")]
    work = WorkPage.objects.get(inventory_number="BL-J-03")
    assert reverse("wagtailadmin_pages:edit", args=(work.pk,)) + "?lang=en" in links
    assert english.find("a", href=reverse("translations:dashboard") + "?language=en")
    chinese = soup.select_one('.translator-language[data-language="zh-hans"]')
    assert chinese.select_one(".count-missing").text == "0"
    assert "/admin/reports/" not in " ".join(menu_urls(response))


def test_registrar_has_no_works_menu_and_superuser_keeps_the_reports(client, registrar, make_user):
    response = home(client, registrar)
    assert reverse("works:index") not in menu_urls(response)
    assert client.get(reverse("works:index")).status_code == 302  # refused, as before
    root = make_user("root", superuser=True)
    response = home(client, root)
    urls = menu_urls(response)
    assert reverse("works:index") in urls
    assert any(url.startswith("/admin/reports/") for url in urls)
