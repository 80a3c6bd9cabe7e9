import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from catalogue.models import WorkPage
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop, Venue
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(("BL-J-01",))


def new_stop(
    slug="bonn-2025", dates=("2025-03-01", "2025-03-05", "2025-05-01", "2025-05-06"), **kw
):
    start, opening, closing, end = (datetime.date.fromisoformat(d) for d in dates)
    return TourStop(
        exhibition=ExhibitionPage.objects.get(slug="flusslandschaften"),
        venue=Venue.objects.get(country="DE"),
        slug=slug,
        install_start=start,
        opening=opening,
        closing=closing,
        deinstall_end=end,
        **kw,
    )


def test_dates_out_of_order_name_the_field():
    stop = new_stop(dates=("2025-03-01", "2025-02-20", "2025-05-01", "2025-05-06"))
    for language, words in (("en", "installation starts"), ("zh-hans", "布展开始")):
        with translation.override(language), pytest.raises(ValidationError) as err:
            stop.full_clean()
        assert words in err.value.message_dict["opening"][0]


def test_closing_before_opening_is_refused():
    stop = new_stop(dates=("2025-03-01", "2025-03-05", "2025-03-04", "2025-05-06"))
    with pytest.raises(ValidationError) as err:
        stop.full_clean()
    assert "closing" in err.value.message_dict


def test_overlapping_stop_names_the_stop_it_clashes_with():
    # Chongqing runs from 2024-10-08 to 2025-01-17.
    stop = new_stop(dates=("2025-01-10", "2025-01-20", "2025-03-01", "2025-03-05"))
    with pytest.raises(ValidationError) as err:
        stop.full_clean()
    message = " ".join(err.value.messages)
    assert "chongqing-2024" in message
    assert "Chongqing 2024" in message


def test_stop_after_the_last_one_is_accepted():
    stop = new_stop()
    stop.full_clean()
    stop.save()
    assert TourStop.objects.filter(slug="bonn-2025").exists()


def test_cancelled_stops_do_not_block_dates():
    chongqing = TourStop.objects.get(slug="chongqing-2024")
    chongqing.status = TourStop.Status.CANCELLED
    chongqing.save()
    new_stop(dates=("2024-11-01", "2024-11-05", "2024-12-01", "2024-12-03")).full_clean()


def test_work_on_two_overlapping_checklists_is_refused():
    other_exhibition_stop = new_stop(
        slug="shanghai-2024",
        dates=("2024-12-01", "2024-12-02", "2025-02-01", "2025-02-03"),
    )
    # A different exhibition page so the stop itself may overlap Chongqing.
    home = ExhibitionPage.objects.get(slug="flusslandschaften").get_parent()
    second = ExhibitionPage(title="Zweite Ausstellung", slug="zweite")
    home.add_child(instance=second)
    other_exhibition_stop.exhibition = second
    other_exhibition_stop.full_clean()
    other_exhibition_stop.save()
    work = WorkPage.objects.get(inventory_number="BL-J-01")
    entry = ChecklistEntry(tour_stop=other_exhibition_stop, work=work, label_number=1)
    with pytest.raises(ValidationError) as err:
        entry.full_clean()
    assert "chongqing-2024" in err.value.message_dict["work"][0]
    # Withdrawn from Chongqing, the work is free to go.
    ChecklistEntry.objects.filter(work=work, tour_stop__slug="chongqing-2024").update(
        status=ChecklistEntry.Status.WITHDRAWN
    )
    entry.full_clean()


def test_venue_label_languages_must_be_distinct_and_in_order():
    venue = Venue.objects.get(country="CN")
    venue.label_language_2 = "zh-hans"
    with pytest.raises(ValidationError) as err:
        venue.full_clean()
    assert "label_language_2" in err.value.message_dict
    venue.label_language_2 = ""
    venue.label_language_3 = "en"
    with pytest.raises(ValidationError) as err:
        venue.full_clean()
    assert "label_language_3" in err.value.message_dict


def test_venue_label_languages_in_venue_order():
    assert Venue.objects.get(country="DE").label_languages == ["de", "zh-hans", "en"]
    assert Venue.objects.get(country="CN").label_languages == ["zh-hans", "de", "en"]
