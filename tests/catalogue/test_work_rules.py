import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from catalogue.models import WorkPage
from exhibition.demo_data import SIZES
from exhibition.models import ExhibitionPage, HomePage
from tests.factories import module_data
from tests.factories.catalogue import WorkPageFactory
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]

NO_ENGLISH = {"caption_en": "", "medium_en": "", "credit_line_en": ""}


@module_data
def tour():
    """BL-R-01…03 and BL-J-03 with the demo's sizes and edition, a counterpart pair (R-03, J-03),
    and three works without English texts, as in the demo."""
    sizes = {**SIZES, "edition_number": 2, "edition_size": 5, "artist_proofs": 2}
    tour = rhine_and_yangtze_tour(("BL-R-01", "BL-R-02", "BL-R-03"), **sizes)
    for number in ("BL-R-05", "BL-J-03", "BL-J-10"):
        section = tour.sections["jangtse" if number.startswith("BL-J") else "rhein"]
        tour.works[number] = WorkPageFactory(
            parent=tour.exhibition, inventory_number=number, section=section, **NO_ENGLISH
        )
    rhine, yangtze = tour.works["BL-R-03"], tour.works["BL-J-03"]
    WorkPage.objects.filter(pk=rhine.pk).update(counterpart=yangtze)
    WorkPage.objects.filter(pk=yangtze.pk).update(counterpart=rhine)
    return tour


def work(number="BL-R-01"):
    return WorkPage.objects.get(inventory_number=number)


def test_missing_translation_finds_works_without_english_texts():
    missing_en = set(
        WorkPage.objects.missing_translation("en").values_list("inventory_number", flat=True)
    )
    assert missing_en == {"BL-R-05", "BL-J-03", "BL-J-10"}
    assert not WorkPage.objects.missing_translation("zh-hans").exists()


def test_missing_translation_counts_a_description_only_once_the_original_has_one():
    w = work("BL-R-02")
    w.description_de = "<p>Ein langer Text.</p>"
    w.save()
    assert WorkPage.objects.missing_translation("zh-hans").filter(pk=w.pk).exists()
    assert w.missing_languages() == ["zh-hans", "en"]


def test_edition_number_cannot_exceed_edition_size():
    w = work()
    w.edition_number, w.edition_size = 6, 5
    with pytest.raises(ValidationError) as err:
        w.full_clean()
    assert "edition_number" in err.value.message_dict


def test_frame_smaller_than_image_is_refused():
    w = work()
    w.frame_width_mm = 500  # image is 600 mm wide
    with pytest.raises(ValidationError) as err:
        w.full_clean()
    assert "frame_width_mm" in err.value.message_dict


def test_work_cannot_be_its_own_counterpart():
    w = work()
    w.counterpart = w
    with pytest.raises(ValidationError) as err:
        w.full_clean()
    assert "counterpart" in err.value.message_dict


def test_counterpart_is_found_from_either_side():
    assert work("BL-R-03").paired_work == work("BL-J-03")
    assert work("BL-J-03").paired_work == work("BL-R-03")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"edition_number": 3, "edition_size": 7, "artist_proofs": 2}, "3/7 + 2 AP"),
        ({"edition_number": 3, "edition_size": 7, "artist_proofs": None}, "3/7"),
        (
            {
                "edition_number": 1,
                "edition_size": None,
                "artist_proofs": 2,
                "is_artist_proof": True,
            },
            "AP 1/2",
        ),
        ({"edition_number": None, "edition_size": None, "artist_proofs": None}, ""),
    ],
)
def test_edition_as_printed(fields, expected):
    w = work()
    for name, value in fields.items():
        setattr(w, name, value)
    assert w.edition == expected


def test_dimensions_are_numbers_and_read_as_millimetres():
    w = work()
    assert w.image_size == "600 × 400 mm"
    assert w.frame_size == "760 × 560 × 35 mm"


class TestPageTree(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(HomePage, {ExhibitionPage})
        self.assertAllowedSubpageTypes(ExhibitionPage, {WorkPage})
        self.assertAllowedSubpageTypes(WorkPage, set())
        self.assertAllowedParentPageTypes(WorkPage, {ExhibitionPage})
