"""Project roles become Wagtail groups: editors write, leaders approve, everybody else stays out."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowPage

from xaso.portal.access import portal_access_sync
from xaso.portal.models import PortalGroup, PortalGroupKind
from xaso.testing.factories import UserFactory, grant
from xaso.testing.second_factor import login_verified
from xaso.units.models import Membership, OrgUnit
from xaso.units.services import membership_revoke


def _groups(user) -> set[str]:
    return {PortalGroup.objects.get(group=group).kind for group in user.groups.filter(portal_group__isnull=False)}


def test_the_demo_roles_map_to_the_portal_groups(portal):
    assert _groups(portal.linh) == {PortalGroupKind.EDITORS}
    assert _groups(portal.lan) == {PortalGroupKind.EDITORS}
    assert _groups(portal.hung) == {PortalGroupKind.APPROVERS}
    for name in ("mai", "ha", "son", "tuan", "quang", "thu", "outsider"):
        assert _groups(getattr(portal, name)) == set(), name


def test_the_commune_home_page_runs_the_leader_approval_workflow(portal):
    workflow = WorkflowPage.objects.get(page=portal.home).workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [PortalGroup.objects.get(kind=PortalGroupKind.APPROVERS).group]


def test_granting_the_editor_role_gives_the_editor_group_at_once(portal):
    user = UserFactory.create(username="bientap.moi")
    grant(user, OrgUnit.objects.get(code="ls-hvt-vhxh"), "portal_editor")
    assert _groups(user) == {PortalGroupKind.EDITORS}
    membership_revoke(membership=Membership.objects.get(user=user))
    assert _groups(user) == set()


def test_an_editor_of_another_commune_gets_nothing_here(portal):
    user = UserFactory.create(username="bientap.tanthanh")
    grant(user, OrgUnit.objects.get(code="ls-tt-vhxh"), "portal_editor")
    assert _groups(user) == set()  # xã Tân Thanh has no portal yet


def test_sync_removes_groups_a_person_no_longer_holds(portal):
    approvers = PortalGroup.objects.get(kind=PortalGroupKind.APPROVERS).group
    portal.mai.groups.add(approvers)
    portal_access_sync(user=portal.mai)
    assert _groups(portal.mai) == set()
    assert Group.objects.filter(pk=approvers.pk).exists()


def test_only_portal_roles_reach_the_article_editor(portal, client):
    url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", portal.news.pk])
    for name in ("linh", "lan"):
        login_verified(client, getattr(portal, name))
        assert client.get(url).status_code == 200, name
    for name in ("mai", "son", "quang", "hung"):
        login_verified(client, getattr(portal, name))
        assert client.get(url).status_code in (302, 403), name
    # Another commune's section does not exist for the other commune's owner.
    login_verified(client, portal.thu)
    assert client.get(url).status_code == 404
    login_verified(client, portal.outsider)
    assert client.get(url).status_code in (302, 403)


def test_a_role_added_in_the_back_office_screen_is_applied_to_the_groups(portal, client):
    user = UserFactory.create(username="bientap.quantri")
    login_verified(client, portal.admin)
    response = client.post(
        reverse("wagtailsnippets_units_membership:add"),
        {"user": user.pk, "unit": OrgUnit.objects.get(code="ls-hvt-vhxh").pk, "role": "portal_editor", "position": ""},
    )
    assert response.status_code == 302
    assert _groups(user) == {PortalGroupKind.EDITORS}
    membership = Membership.objects.get(user=user)
    client.post(reverse("wagtailsnippets_units_membership:delete", args=[membership.pk]))
    assert _groups(user) == set()
