"""household_snapshot_set: the village's households selling online and paying without cash, per month."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.registers.services import village_profile_set
from xaso.units.models import OrgUnit
from xaso.villages import rules
from xaso.villages.models import ERR_NEGATIVE, HouseholdSnapshot, Platform
from xaso.villages.services import household_snapshot_set, platform_save

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def counts(village, platforms, *, month=dt.date(2026, 10, 15), total=7, cashless=30, per=(7, 3), **fields):
    return household_snapshot_set(
        village=village,
        month=month,
        ecommerce_households=total,
        cashless_households=cashless,
        platform_counts=dict(zip(platforms, per, strict=True)),
        **fields,
    )


def test_it_records_the_counts_of_the_month_per_platform(demo, napan, platforms):
    snapshot = counts(napan, platforms, user=demo.son)
    assert snapshot.month == dt.date(2026, 10, 1)
    assert (snapshot.ecommerce_households, snapshot.cashless_households) == (7, 30)
    assert {c.platform.name: c.households for c in snapshot.platform_counts.all()} == {"Postmart": 7, "Voso": 3}
    assert snapshot.updated_by == demo.son


def test_a_second_entry_for_the_same_month_corrects_the_first(demo, napan, platforms):
    first = counts(napan, platforms)
    again = counts(napan, platforms, month=dt.date(2026, 10, 31), total=8, per=(8, 4), cashless=31)
    assert again.pk == first.pk
    assert HouseholdSnapshot.objects.count() == 1
    assert {c.platform.name: c.households for c in again.platform_counts.all()} == {"Postmart": 8, "Voso": 4}


def test_it_refuses_negative_counts_and_keeps_what_was_saved(demo, napan, platforms):
    counts(napan, platforms)
    with pytest.raises(ValidationError) as error:
        counts(napan, platforms, cashless=-1)
    assert error.value.message_dict["cashless_households"] == [ERR_NEGATIVE]
    with pytest.raises(ValidationError) as error:
        counts(napan, platforms, per=(7, -2))
    assert error.value.message_dict[f"platform_{platforms[1].pk}"] == [
        rules.ERR_NEGATIVE_PLATFORM.format(platform="Voso")
    ]
    stored = HouseholdSnapshot.objects.get()
    assert (stored.cashless_households, stored.ecommerce_households) == (30, 7)


def test_the_total_cannot_be_below_one_platform_nor_above_all_of_them(demo, napan, platforms):
    with pytest.raises(ValidationError) as error:
        counts(napan, platforms, total=5, per=(7, 3))
    assert error.value.message_dict["ecommerce_households"] == [
        rules.ERR_TOTAL_BELOW_PLATFORM.format(total=5, platform="Postmart", count=7)
    ]
    with pytest.raises(ValidationError) as error:
        counts(napan, platforms, total=12, per=(7, 3))
    assert error.value.message_dict["ecommerce_households"] == [
        rules.ERR_TOTAL_ABOVE_PLATFORMS.format(total=12, sum=10)
    ]
    assert not HouseholdSnapshot.objects.exists()


def test_it_refuses_months_to_come_and_outside_the_programme(demo, napan, platforms):
    with pytest.raises(ValidationError) as error:
        counts(napan, platforms, month=dt.date(2026, 12, 1))
    assert error.value.message_dict["month"] == [rules.ERR_MONTH_FUTURE.format(month="12/2026")]
    with pytest.raises(ValidationError) as error:
        counts(napan, platforms, month=dt.date(2024, 12, 1))
    assert error.value.message_dict["month"] == [rules.ERR_MONTH_OUTSIDE.format(month="12/2024", start=2025, end=2030)]


def test_it_refuses_more_households_than_the_village_has(demo, napan, platforms):
    village_profile_set(unit=napan, households=25, residents=100, has_loudspeaker=True)
    with pytest.raises(ValidationError) as error:
        counts(napan, platforms, cashless=26)
    assert error.value.message_dict["cashless_households"] == [
        rules.ERR_OVER_VILLAGE.format(what=rules.CASHLESS, count=26, households=25)
    ]


def test_it_refuses_a_platform_of_another_commune(demo, napan, platforms):
    other = platform_save(platform=Platform(commune=OrgUnit.objects.get(code="ls-tt"), name="Postmart"))
    with pytest.raises(ValidationError) as error:
        counts(napan, [platforms[0], other])
    assert error.value.message_dict["platform_counts"] == [rules.ERR_PLATFORM_OTHER_COMMUNE.format(platform=other)]
