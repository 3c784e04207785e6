"""A date typed by hand (a browser without its own picker, a pasted value) is read as Vietnamese offices
write it: day first. The phone's own picker sends ISO, which stays understood."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from xaso.backoffice.widgets import NativeDateInput


def test_a_typed_date_is_read_day_first():
    with translation.override("vi"):
        field = forms.DateField()
        assert field.clean("12/11/2026") == dt.date(2026, 11, 12)
        assert field.clean("12-11-2026") == dt.date(2026, 11, 12)
        assert field.clean("2026-11-12") == dt.date(2026, 11, 12)


def test_a_date_that_cannot_exist_is_refused_in_vietnamese():
    with translation.override("vi"):
        field = forms.DateField()
        with pytest.raises(forms.ValidationError, match="ngày hợp lệ"):
            field.clean("31/02/2026")


def test_the_date_field_is_the_phones_own_picker_with_an_iso_value():
    html = NativeDateInput().render("ngay", dt.date(2026, 11, 12))
    assert 'type="date"' in html
    assert 'value="2026-11-12"' in html
