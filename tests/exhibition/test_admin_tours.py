"""Registrars and curators edit tour stops and, on its own form, each checklist entry (issue 17);
private data stays private."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from catalogue.models import WorkPage
from exhibition.models import ExhibitionPage, TourStop, Venue
from exhibition.models.registrar import WorkLoan
from tests.factories import module_data
from tests.factories.exhibition import WorkLoanFactory
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Four works at Düsseldorf and Chongqing 2024, one of them on loan."""
    tour = rhine_and_yangtze_tour(("BL-R-01", "BL-R-02", "BL-J-01", "BL-J-04"))
    WorkLoanFactory(work=tour.works["BL-R-01"])
    return tour


def stop_form(slug="bonn-2025", dates=("2025-03-01", "2025-03-05", "2025-05-01", "2025-05-06")):
    return nested_form_data(
        {
            "exhibition": ExhibitionPage.objects.get(slug="flusslandschaften").pk,
            "venue": Venue.objects.get(country="DE").pk,
            "slug": slug,
            "status": "scheduled",
            "install_start": dates[0],
            "opening": dates[1],
            "closing": dates[2],
            "deinstall_end": dates[3],
        }
    )


def entry(stop, work_number, label, status="planned"):
    return {
        "tour_stop": stop.pk,
        "work": WorkPage.objects.get(inventory_number=work_number).pk,
        "label_number": label,
        "status": status,
        "room": "",
        "wall": "",
        "position": "",
        "caption_override_de": "",
        "caption_override_zh_hans": "",
        "caption_override_en": "",
        "credit_line_override_de": "",
        "credit_line_override_zh_hans": "",
        "credit_line_override_en": "",
    }


ADD = "wagtailsnippets_exhibition_tourstop:add"
ADD_ENTRY = "checklist_entries:add"


def add_stop(client, **kwargs):
    response = client.post(reverse(ADD), stop_form(**kwargs))
    assert response.status_code == 302
    return TourStop.objects.get(slug=kwargs.get("slug", "bonn-2025"))


def test_registrar_adds_a_stop_then_its_checklist(client_for, registrar):
    client = client_for(registrar)
    stop = add_stop(client)
    for number, label in (("BL-R-01", 1), ("BL-J-01", 2)):
        response = client.post(reverse(ADD_ENTRY), entry(stop, number, label))
        assert response.status_code == 302
        assert response["Location"] == reverse("tour_checklist", args=(stop.pk,))
    assert [e.work.inventory_number for e in stop.checklist.order_by("sort_order")] == [
        "BL-R-01",
        "BL-J-01",
    ]


def test_the_stop_form_has_only_the_stops_own_fields(client_for, registrar):
    stop = TourStop.objects.get(slug="chongqing-2024")
    response = client_for(registrar).get(
        reverse("wagtailsnippets_exhibition_tourstop:edit", args=(stop.pk,))
    )
    html = response.content.decode()
    assert "checklist-TOTAL_FORMS" not in html
    assert not [name for name in response.context["form"].fields if "checklist" in name]
    assert reverse("tour_checklist", args=(stop.pk,)) in html  # the header button


def test_new_dates_that_make_the_checklist_clash_are_a_form_error(client_for, registrar):
    # A stop of a second exhibition takes BL-J-04 in spring 2025; moving it back into
    # Chongqing's time would put the work in two places at once.
    client = client_for(registrar)
    home = ExhibitionPage.objects.get(slug="flusslandschaften").get_parent()
    second = ExhibitionPage(title="Zweite Ausstellung", slug="zweite")
    home.add_child(instance=second)
    data = stop_form(slug="shanghai-2025")
    data["exhibition"] = second.pk
    assert client.post(reverse(ADD), data).status_code == 302
    stop = TourStop.objects.get(slug="shanghai-2025")
    assert client.post(reverse(ADD_ENTRY), entry(stop, "BL-J-04", 1)).status_code == 302
    data = stop_form(
        slug="shanghai-2025", dates=("2024-12-01", "2024-12-02", "2025-02-01", "2025-02-03")
    )
    data["exhibition"] = second.pk
    response = client.post(
        reverse("wagtailsnippets_exhibition_tourstop:edit", args=(stop.pk,)), data
    )
    assert response.status_code == 200
    assert "chongqing-2024" in str(response.context["form"].errors)
    stop.refresh_from_db()
    assert stop.opening.isoformat() == "2025-03-05"


def test_overlapping_stop_is_a_form_error_naming_the_other_stop(client_for, registrar):
    response = client_for(registrar).post(
        reverse(ADD), stop_form(dates=("2025-01-10", "2025-01-20", "2025-03-01", "2025-03-05"))
    )
    assert response.status_code == 200
    assert "chongqing-2024" in str(response.context["form"].errors)
    assert not TourStop.objects.filter(slug="bonn-2025").exists()


def test_dates_out_of_order_are_a_form_error(client_for, registrar):
    response = client_for(registrar).post(
        reverse(ADD), stop_form(dates=("2025-03-01", "2025-02-05", "2025-05-01", "2025-05-06"))
    )
    assert response.status_code == 200
    assert "opening" in response.context["form"].errors
    assert not TourStop.objects.filter(slug="bonn-2025").exists()


def test_work_on_an_overlapping_checklist_is_a_form_error(client_for, registrar):
    # Move Chongqing's dates so that it overlaps with nothing of this exhibition but let a stop
    # of a second exhibition take the same work at the same time.
    home = ExhibitionPage.objects.get(slug="flusslandschaften").get_parent()
    second = ExhibitionPage(title="Zweite Ausstellung", slug="zweite")
    home.add_child(instance=second)
    data = stop_form(
        slug="shanghai-2024", dates=("2024-12-01", "2024-12-02", "2025-02-01", "2025-02-03")
    )
    data["exhibition"] = second.pk
    client = client_for(registrar)
    assert client.post(reverse(ADD), data).status_code == 302
    stop = TourStop.objects.get(slug="shanghai-2024")
    response = client.post(reverse(ADD_ENTRY), entry(stop, "BL-J-04", 1))
    assert response.status_code == 200
    assert "chongqing-2024" in response.content.decode()
    assert not stop.checklist.exists()


@pytest.mark.parametrize(
    ("first", "second", "field", "fragment"),
    [
        (("BL-R-01", 7), ("BL-R-02", 7), "label_number", "7"),
        (("BL-R-01", 1), ("BL-R-01", 2), "work", " 1"),
    ],
    ids=["same label number", "same work"],
)
def test_the_same_label_number_or_work_twice_on_one_stop_is_refused(
    client_for, registrar, first, second, field, fragment
):
    """The form names the field and the entry that already has the number or the work."""
    client = client_for(registrar)
    stop = add_stop(client)
    assert client.post(reverse(ADD_ENTRY), entry(stop, *first)).status_code == 302
    response = client.post(reverse(ADD_ENTRY), entry(stop, *second))
    assert response.status_code == 200
    message = response.context["form"].errors[field][0]
    assert fragment in message and str(WorkPage.objects.get(inventory_number="BL-R-01")) in message
    assert [e.work.inventory_number for e in stop.checklist.all()] == ["BL-R-01"]


def test_only_registrars_see_loans_and_insurance(client_for, curator, translator, registrar):
    url = reverse("wagtailsnippets_exhibition_workloan:list")
    loan = WorkLoan.objects.first()
    edit = reverse("wagtailsnippets_exhibition_workloan:edit", args=(loan.pk,))
    for user in (curator, translator):
        client = client_for(user)
        assert client.get(url).status_code in (302, 403)
        assert client.get(edit).status_code in (302, 403)
        assert "Registrar" not in client.get(reverse("wagtailadmin_home")).content.decode()
        client.logout()
    client = client_for(registrar)
    response = client.get(url)
    assert response.status_code == 200
    assert str(loan.lender) in response.content.decode()


def test_translator_edits_venue_texts_but_not_its_time_zone(client_for, translator):
    venue = Venue.objects.get(country="CN")
    response = client_for(translator).get(
        reverse("wagtailsnippets_exhibition_venue:edit", args=(venue.pk,))
    )
    assert response.status_code == 200
    fields = response.context["form"].fields
    assert "opening_hours_en" in fields
    assert "time_zone" not in fields
    assert "label_language_1" not in fields


def test_translator_cannot_edit_tour_stops(client_for, translator):
    stop = TourStop.objects.get(slug="chongqing-2024")
    response = client_for(translator).get(
        reverse("wagtailsnippets_exhibition_tourstop:edit", args=(stop.pk,))
    )
    assert response.status_code in (302, 403)
