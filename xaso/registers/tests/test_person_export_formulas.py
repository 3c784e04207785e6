"""The officials' list downloads (CSV and XLSX): a name or position typed like a formula is text."""

import pytest
from django.urls import reverse

from xaso.registers.services import person_create
from xaso.testing.exports import AT, HYPERLINK, assert_csv_inert, assert_xlsx_inert
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_registers_person:list"


def test_the_people_downloads_have_no_formula(demo, client_for):
    person_create(
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"), full_name=HYPERLINK, position=AT, category="civil_servant"
    )
    client = client_for(demo.lan)
    csv_response = client.get(reverse(LIST), {"export": "csv"})
    assert_csv_inert(b"".join(csv_response.streaming_content).decode("utf-8"), [HYPERLINK, AT])
    xlsx_response = client.get(reverse(LIST), {"export": "xlsx"})
    assert_xlsx_inert(b"".join(xlsx_response.streaming_content), [HYPERLINK, AT])
