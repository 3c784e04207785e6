"""Each log-in is recorded (who, when, from where, how it ended) and read per commune by those who may."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from xaso.signin.models import LoginEvent, LoginOutcome
from xaso.signin.selectors import logins_readable


@pytest.fixture
def logins(demo, post_login):
    """One log-in of each demo person, a wrong password for thcs.mai, and one for a name that is no account."""
    for name in ("lan", "hung", "mai", "ha", "son", "tuan", "linh", "quang", "thu", "outsider"):
        post_login(Client(), getattr(demo, name).username, address="10.1.0.1")
    post_login(Client(), "thcs.mai", "sai-mat-khau", address="10.1.0.2")
    post_login(Client(), "khong-ai-ca", "sai-mat-khau", address="10.1.0.3")
    return LoginEvent.objects.all()


def test_a_successful_log_in_is_recorded_with_its_address_and_browser(demo, post_login):
    Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14)").post(
        "/quan-tri/login/", {"username": "thcs.mai", "password": "XaSo@2025"}, REMOTE_ADDR="10.1.0.9"
    )
    event = LoginEvent.objects.get()
    assert (event.user, event.username, event.address, event.outcome) == (
        demo.mai,
        "thcs.mai",
        "10.1.0.9",
        LoginOutcome.SUCCESS,
    )
    assert event.user_agent.startswith("Mozilla/5.0 (Linux; Android 14)")


def test_a_wrong_password_is_recorded_against_the_account(demo, logins):
    failure = LoginEvent.objects.get(outcome=LoginOutcome.FAILURE, username="thcs.mai")
    assert failure.user == demo.mai
    assert failure.address == "10.1.0.2"
    unknown = LoginEvent.objects.get(username="khong-ai-ca")
    assert unknown.user is None


def _names(user):
    return {event.username for event in logins_readable(user=user)}


COMMUNE = {"vhxh.lan", "pct.hung", "thcs.mai", "tieuhoc.ha", "thon.napan", "kinhte.tuan", "bientap.linh"}


def test_the_programme_owner_and_the_leader_read_their_own_commune(demo, logins):
    assert _names(demo.lan) == COMMUNE
    assert _names(demo.hung) == COMMUNE


def test_the_other_communes_owner_reads_only_hers(demo, logins):
    assert _names(demo.thu) == {"tt.vhxh"}


def test_the_province_viewer_reads_every_commune_of_the_province(demo, logins):
    assert _names(demo.quang) == COMMUNE | {"tt.vhxh"}


@pytest.mark.parametrize("persona", ["mai", "son", "linh", "outsider"])
def test_reporters_editors_and_outsiders_read_nothing(demo, logins, persona):
    assert _names(getattr(demo, persona)) == set()


def test_a_superuser_reads_everything_even_unknown_names(demo, logins):
    admin = get_user_model().objects.get(username="quantri")
    assert _names(admin) == {e.username for e in logins}
    assert "khong-ai-ca" in _names(admin)
