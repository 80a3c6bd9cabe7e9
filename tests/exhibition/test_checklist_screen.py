"""The checklist of a stop as its own screen (issue 17): rows, inline edit, hanging order, bulk
actions with their permissions, and the checklist PDF."""

import subprocess

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from exhibition import demo_scale
from exhibition.models import ChecklistEntry, Crate, TourStop
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.logistics import loans
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Ten works (one shared picture) at Düsseldorf and Chongqing 2024, each on loan."""
    numbers = tuple(f"BL-{river}-{i:02d}" for river in "RJ" for i in range(1, 6))
    tour = rhine_and_yangtze_tour(numbers, image=ImageFactory())
    loans(tour.works.values())
    return tour


CKG = "chongqing-2024"


def stop(slug=CKG):
    return TourStop.objects.get(slug=slug)


def url(s=None):
    return reverse("tour_checklist", args=((s or stop()).pk,))


def entries(s=None):
    return list((s or stop()).checklist.select_related("work").order_by("sort_order"))


def shown(rows):
    return [("shown", str(e.pk)) for e in rows]


def post(client, data, s=None):
    """POST a list of pairs (repeated names allowed) as the browser sends the form."""
    return client.post(
        url(s), urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
    )


def refused(response):
    """Wagtail answers a logged-in user without the permission with 403 or back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def next_stop_with_leg(crate="A"):
    """Bonn after Chongqing and a planned leg between them with one empty crate."""
    return demo_scale.next_stop_with_leg(stop(), stop("duesseldorf-2024").venue, crate)


def test_rows_are_named_by_label_number_and_title(client_for, registrar):
    response = client_for(registrar).get(url())
    assert response.status_code == 200
    html = response.content.decode()
    first = entries()[0]
    assert first.work.title_de in html and first.work.inventory_number in html
    assert f'name="label_number-{first.pk}" value="{first.label_number}"' in html
    assert "Work 1" not in html


def test_anonymous_visitors_are_sent_to_the_login(client):
    for address in (url(), reverse("tour_checklist_pdf", args=(stop().pk,))):
        response = client.get(address)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_translators_do_not_get_the_checklist(client_for, translator):
    client = client_for(translator)
    assert refused(client.get(url()))
    assert refused(client.get(reverse("tour_checklist_pdf", args=(stop().pk,))))


def test_curators_arrange_but_cannot_use_the_registrar_bulk_actions(client_for, curator):
    client = client_for(curator)
    html = client.get(url()).content.decode()
    assert 'value="withdraw"' not in html and 'value="move"' not in html
    rows = entries()
    for action in ("withdraw", "set_status", "move"):
        response = post(
            client,
            [("action", action), ("status", "in_storage"), ("all", "1"), *shown(rows)],
        )
        assert refused(response)
    assert not stop().checklist.exclude(status=rows[0].status).exists()


def test_inline_edit_swaps_label_numbers_and_sets_places(client_for, registrar):
    first, second = entries()[:2]
    data = [
        ("action", "save"),
        *shown([first, second]),
        (f"label_number-{first.pk}", str(second.label_number)),
        (f"label_number-{second.pk}", str(first.label_number)),
        (f"room-{first.pk}", "Saal 3"),
        (f"wall-{first.pk}", "Nord"),
        (f"position-{first.pk}", "links"),
    ]
    response = post(client_for(registrar), data)
    assert response.status_code == 302
    first_after = ChecklistEntry.objects.get(pk=first.pk)
    assert first_after.label_number == second.label_number
    assert ChecklistEntry.objects.get(pk=second.pk).label_number == first.label_number
    assert (first_after.room, first_after.wall, first_after.position) == ("Saal 3", "Nord", "links")


def test_a_label_number_used_twice_changes_nothing_and_names_the_works(client_for, registrar):
    first, second = entries()[:2]
    data = [
        ("action", "save"),
        *shown([first, second]),
        (f"label_number-{first.pk}", str(second.label_number)),
        (f"room-{first.pk}", "Saal 9"),
    ]
    response = post(client_for(registrar), data)
    assert response.status_code == 200
    text = " ".join(str(m) for m in response.context["messages"])
    assert first.work.inventory_number in text and second.work.inventory_number in text
    assert ChecklistEntry.objects.get(pk=first.pk).label_number == first.label_number
    assert ChecklistEntry.objects.get(pk=first.pk).room != "Saal 9"
    # What was typed is still in the form.
    assert f'name="room-{first.pk}" value="Saal 9"' in response.content.decode()


def test_label_number_that_is_not_a_number_is_refused(client_for, registrar):
    first = entries()[0]
    client = client_for(registrar)
    for typed in ("zwölf", "0", "-3", "99999999999", "1e3"):
        response = post(
            client, [("action", "save"), *shown([first]), (f"label_number-{first.pk}", typed)]
        )
        assert response.status_code == 200
        assert typed in " ".join(str(m) for m in response.context["messages"])
    assert ChecklistEntry.objects.get(pk=first.pk).label_number == first.label_number


def test_up_and_down_buttons_change_the_hanging_order_without_javascript(client_for, registrar):
    rows = entries()
    client = client_for(registrar)
    assert post(client, [("action", f"down-{rows[0].pk}"), *shown(rows)]).status_code == 302
    assert [e.pk for e in entries()[:2]] == [rows[1].pk, rows[0].pk]
    assert post(client, [("action", f"up-{rows[0].pk}"), *shown(rows)]).status_code == 302
    assert [e.pk for e in entries()[:2]] == [rows[0].pk, rows[1].pk]


def test_drag_and_drop_posts_the_new_position(client_for, registrar, curator, translator):
    rows = entries()
    address = reverse("tour_checklist_reorder", args=(stop().pk, rows[0].pk)) + "?position=5"
    assert refused(client_for(translator).post(address))
    response = client_for(registrar).post(address)
    assert response.status_code == 200 and response.json()["success"]
    order = [e.pk for e in entries()]
    assert order.index(rows[0].pk) == 5
    assert order[:5] == [e.pk for e in rows[1:6]]
    # An entry of another stop cannot be moved through this stop's address.
    other = stop("duesseldorf-2024").checklist.first()
    foreign = reverse("tour_checklist_reorder", args=(stop().pk, other.pk))
    assert client_for(curator).post(foreign + "?position=0").status_code == 400
    assert ChecklistEntry.objects.get(pk=other.pk).sort_order == other.sort_order


def test_bulk_withdraw_and_set_status(client_for, registrar):
    rows = entries()[:3]
    client = client_for(registrar)
    data = [("action", "withdraw"), *shown(entries()), *[("entry", str(e.pk)) for e in rows]]
    assert post(client, data).status_code == 302
    assert {ChecklistEntry.objects.get(pk=e.pk).status for e in rows} == {"withdrawn"}
    assert entries()[3].status == "on_view"
    data = [("action", "set_status"), ("status", "in_storage"), ("entry", str(rows[0].pk))]
    assert post(client, data + shown(entries())).status_code == 302
    assert ChecklistEntry.objects.get(pk=rows[0].pk).status == "in_storage"


def test_bulk_move_of_all_shown_works_to_the_next_stop(client_for, registrar):
    bonn, leg = next_stop_with_leg()
    rows = entries()
    client = client_for(registrar)
    html = client.get(url()).content.decode()
    assert f'<option value="{leg.pk}" selected>' in html  # the leg to the next stop is chosen
    data = [("action", "move"), ("leg", str(leg.pk)), ("crate", "A"), ("all", "1"), *shown(rows)]
    response = post(client, data)
    assert response.status_code == 302
    moved = entries(bonn)
    assert [e.work_id for e in moved] == [e.work_id for e in rows]  # hanging order kept
    assert [e.label_number for e in moved] == list(range(1, len(rows) + 1))
    assert {e.status for e in moved} == {"planned"}
    assert Crate.objects.get(leg=leg, number="A").works.count() == len(rows)


def test_bulk_move_is_all_or_nothing(client_for, registrar):
    bonn, leg = next_stop_with_leg()
    rows = entries()
    rows[5].status = ChecklistEntry.Status.WITHDRAWN  # not at Chongqing any more: cannot move
    rows[5].save()
    data = [
        ("action", "move"),
        ("leg", str(leg.pk)),
        ("crate", "A"),
        *shown(rows),
        *[("entry", str(e.pk)) for e in rows[:8]],
    ]
    response = post(client_for(registrar), data)
    assert response.status_code == 200
    assert str(rows[5].work) in " ".join(str(m) for m in response.context["messages"])
    assert not bonn.checklist.exists()
    assert not Crate.objects.get(leg=leg, number="A").works.exists()


def test_bulk_move_without_a_crate_uses_the_crate_the_work_is_packed_in(client_for, registrar):
    bonn, leg = next_stop_with_leg()
    rows = entries()[:2]
    crate = Crate.objects.get(leg=leg, number="A")
    crate.works.add(rows[0].work)
    crate.save()  # a ParentalManyToManyField is written on save
    data = [("action", "move"), ("leg", str(leg.pk)), *[("entry", str(e.pk)) for e in rows]]
    response = post(client_for(registrar), data + shown(entries()))
    assert response.status_code == 200  # the second work is in no crate yet: nothing moves
    assert not bonn.checklist.exists()
    response = post(client_for(registrar), data[:-1] + shown(entries()))
    assert response.status_code == 302
    assert [e.work_id for e in entries(bonn)] == [rows[0].work_id]


def test_filters_narrow_the_rows_and_switch_off_drag_and_drop(client_for, registrar):
    first = entries()[0]
    client = client_for(registrar)
    html = client.get(url(), {"q": first.work.inventory_number}).content.decode()
    assert html.count('name="label_number-') == 1
    assert 'data-controller="w-orderable"' not in html
    assert 'data-controller="w-orderable"' in client.get(url()).content.decode()
    withdrawn = client.get(url(), {"status": "withdrawn"}).content.decode()
    assert 'name="label_number-' not in withdrawn
    # "All works shown" means the filtered rows only: the form posts to the filtered address.
    response = client.post(
        url() + "?" + urlencode({"q": first.work.inventory_number}),
        {"action": "withdraw", "all": "1"},
    )
    assert response.status_code == 302
    assert [e.pk for e in entries() if e.status == "withdrawn"] == [first.pk]


def test_checklist_pdf_has_the_chinese_titles_as_text(client_for, registrar):
    response = client_for(registrar).get(reverse("tour_checklist_pdf", args=(stop().pk,)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],  # noqa: S607  (poppler-utils)
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    first = entries()[0]
    assert first.work.title_zh_hans in text
    assert first.work.inventory_number in text
    assert str(first.label_number) in text
    # Registrar data never goes into the binder.
    assert "EUR" not in text


def test_menu_item_opens_a_checklist(client_for, registrar):
    response = client_for(registrar).get(reverse("tour_current_checklist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/tour/stops/")
