"""A club's detail screen (inspect): its field of study shows like every other value — the model field
called `field` no longer collides with Wagtail's own `get_field_display_value` (a server error on
every club's page in the crawl)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_club_page_shows_its_field_of_study(demo, client_for, robotics):
    response = client_for(demo.mai).get(reverse("wagtailsnippets_outreach_club:inspect", args=[robotics.pk]))
    assert response.status_code == 200
    assert "Lĩnh vực" in response.text
    assert "Lập trình" in response.text


def test_an_empty_field_of_study_shows_a_dash(demo, client_for, robotics):
    robotics.field = ""
    robotics.save()
    response = client_for(demo.lan).get(reverse("wagtailsnippets_outreach_club:inspect", args=[robotics.pk]))
    assert response.status_code == 200
    assert (
        response.context["fields"][[f["label"] for f in response.context["fields"]].index("Lĩnh vực")]["value"] == "—"
    )
