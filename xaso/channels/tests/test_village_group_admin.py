"""Loudspeaker groups in the back office: the programme owner groups her commune's villages."""

import pytest
from django.urls import reverse

from xaso.channels.models import VillageGroup
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_channels_villagegroup:add"


def data(commune, villages, name="Cụm loa trung tâm"):
    return {
        "commune": commune.pk,
        "name": name,
        "villages": [v.pk for v in villages],
        "morning_time": "06:15",
        "evening_time": "17:45",
    }


def test_the_programme_owner_groups_villages_with_their_slots(demo, client_for):
    commune = OrgUnit.objects.get(code="ls-hvt")
    villages = OrgUnit.objects.filter(code__in=["ls-hvt-t-napan", "ls-hvt-t-naly"])
    response = client_for(demo.lan).post(reverse(ADD), data(commune, villages))
    assert response.status_code == 302
    group = VillageGroup.objects.get(name="Cụm loa trung tâm")
    assert set(group.villages.values_list("code", flat=True)) == {"ls-hvt-t-napan", "ls-hvt-t-naly"}
    assert group.morning_time.strftime("%H:%M") == "06:15"


def test_a_village_of_another_commune_is_refused(demo, client_for):
    commune = OrgUnit.objects.get(code="ls-hvt")
    foreign = OrgUnit.objects.get(code="ls-tt-t-nacan")
    response = client_for(demo.lan).post(reverse(ADD), data(commune, [foreign]))
    assert response.status_code == 200
    assert not VillageGroup.objects.exists()


@pytest.mark.parametrize("persona", ["linh", "mai", "thu", "outsider"])
def test_others_cannot_add_a_group(demo, client_for, persona):
    commune = OrgUnit.objects.get(code="ls-hvt")
    villages = OrgUnit.objects.filter(code="ls-hvt-t-napan")
    client_for(getattr(demo, persona)).post(reverse(ADD), data(commune, villages))
    assert not VillageGroup.objects.exists()
