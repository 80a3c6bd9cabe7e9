"""The short address on a wall label's QR code: /w/<stop>/<label>/ opens that work."""

import pytest

from catalogue.models import WorkPage
from exhibition.models import ChecklistEntry, ExhibitionPage
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(("BL-R-03", "BL-J-01", "BL-J-02"))


def entry(stop, work):
    return ChecklistEntry.objects.get(tour_stop__slug=stop, work__inventory_number=work)


def test_short_address_opens_the_work_in_the_visitors_language(client):
    e = entry("chongqing-2024", "BL-J-01")
    assert e.short_path == f"/w/chongqing-2024/{e.label_number}/"
    response = client.get(e.short_path, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == f"/zh-hans/stops/chongqing-2024/{e.label_number}/"
    german = client.get(e.short_path, HTTP_ACCEPT_LANGUAGE="de-DE", follow=True)
    assert german.redirect_chain == [(f"/de/stops/chongqing-2024/{e.label_number}/", 302)]
    assert german.context["page"].slug == "bl-j-01"


def test_short_address_survives_a_new_slug_and_a_move(client):
    e = entry("duesseldorf-2024", "BL-R-03")
    work = e.work
    work.slug = "ganz-neuer-name"
    work.title_de = "Umbenannt"
    work.save_revision().publish()
    home = ExhibitionPage.objects.get(slug="flusslandschaften").get_parent()
    other = ExhibitionPage(title="Andere", slug="andere")
    home.add_child(instance=other)
    work.refresh_from_db()
    work.move(other, pos="last-child")
    response = client.get(e.short_path, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.status_code == 200
    assert response.context["page"].title_de == "Umbenannt"
    assert response.context["visit"].stop.slug == "duesseldorf-2024"


def not_found(client, path):
    response = client.get(path, follow=True, HTTP_ACCEPT_LANGUAGE="zh-CN")
    return response.status_code == 404 and 'lang="zh-Hans"' in response.content.decode()


def test_unknown_label_and_unpublished_work_are_not_found(client):
    assert not_found(client, "/w/chongqing-2024/999/")
    assert not_found(client, "/w/no-such-stop/1/")
    e = entry("chongqing-2024", "BL-J-02")
    WorkPage.objects.get(pk=e.work_id).unpublish()
    assert not_found(client, e.short_path)


def test_short_url_uses_the_public_host(settings):
    settings.LEPORELLO_PUBLIC_BASE_URL = "https://leporello.example/"
    e = entry("chongqing-2024", "BL-J-01")
    assert e.short_url == f"https://leporello.example/w/chongqing-2024/{e.label_number}/"
