"""The reading dictionary in the back office: seeded, editable per commune, scoped."""

import pytest
from django.urls import reverse

from xaso.units.models import OrgUnit
from xaso.vi.forms import ERR_SHARED_ONLY_OPERATOR
from xaso.vi.models import Abbreviation
from xaso.vi.selectors import reading_dictionary

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_vi_abbreviation:list"
ADD = "wagtailsnippets_vi_abbreviation:add"
EDIT = "wagtailsnippets_vi_abbreviation:edit"


def test_the_shared_dictionary_is_seeded_with_administrative_abbreviations(db):
    dictionary = reading_dictionary(commune=None)
    assert dictionary["UBND"] == "Ủy ban nhân dân"
    assert dictionary["KH&CN"] == "khoa học và công nghệ"


def test_a_communes_own_entry_overrides_the_shared_one(demo):
    commune = OrgUnit.objects.get(code="ls-hvt")
    Abbreviation.objects.create(text="UBND", expansion="Ủy ban nhân dân xã Hoàng Văn Thụ", commune=commune)
    assert reading_dictionary(commune=commune)["UBND"] == "Ủy ban nhân dân xã Hoàng Văn Thụ"
    assert reading_dictionary(commune=OrgUnit.objects.get(code="ls-tt"))["UBND"] == "Ủy ban nhân dân"


def test_the_portal_editor_adds_an_entry_for_her_commune(demo, client_for):
    commune = OrgUnit.objects.get(code="ls-hvt")
    response = client_for(demo.linh).post(
        reverse(ADD), {"text": "HVT", "expansion": "Hoàng Văn Thụ", "commune": commune.pk, "note": ""}
    )
    assert response.status_code == 302
    assert Abbreviation.objects.get(text="HVT").commune == commune


def test_a_shared_entry_is_refused_to_a_commune_editor(demo, client_for):
    response = client_for(demo.lan).post(reverse(ADD), {"text": "HVT", "expansion": "Hoàng Văn Thụ", "note": ""})
    assert response.status_code == 200
    assert ERR_SHARED_ONLY_OPERATOR in response.text
    assert not Abbreviation.objects.filter(text="HVT").exists()


def test_shared_entries_are_read_only_for_commune_staff(demo, client_for):
    shared = Abbreviation.objects.get(text="UBND", commune=None)
    client = client_for(demo.lan)
    assert client.get(reverse(LIST)).status_code == 200
    response = client.post(reverse(EDIT, args=[shared.pk]), {"text": "UBND", "expansion": "sai"})
    assert response.status_code in (302, 403)
    shared.refresh_from_db()
    assert shared.expansion == "Ủy ban nhân dân"


def test_another_communes_entries_are_invisible(demo, client_for):
    other = Abbreviation.objects.create(text="TTX", expansion="Tân Thanh", commune=OrgUnit.objects.get(code="ls-tt"))
    client = client_for(demo.lan)
    assert reverse(EDIT, args=[other.pk]) not in client.get(reverse(LIST)).text
    assert client.get(reverse(EDIT, args=[other.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["mai", "son", "quang", "outsider"])
def test_people_without_the_right_cannot_open_the_dictionary(demo, client_for, persona):
    response = client_for(getattr(demo, persona)).get(reverse(LIST))
    assert response.status_code in (302, 403)


def test_the_leader_reads_but_does_not_add(demo, client_for):
    client = client_for(demo.hung)
    assert client.get(reverse(LIST)).status_code == 200
    response = client.post(reverse(ADD), {"text": "X1", "expansion": "x", "note": ""})
    assert response.status_code in (302, 403)
    assert not Abbreviation.objects.filter(text="X1").exists()


def test_the_dictionary_is_searchable(demo, client_for):
    response = client_for(demo.lan).get(reverse(LIST) + "?q=UBND")
    assert response.status_code == 200
    assert "Ủy ban nhân dân" in response.text
    assert "Hội đồng nhân dân" not in response.text
