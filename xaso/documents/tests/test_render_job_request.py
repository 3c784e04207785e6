"""render_job_request: who may ask for a commune's document, and what is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xaso.documents import services
from xaso.documents.models import RenderJob, RenderStatus
from xaso.documents.sample import BUILDER
from xaso.documents.services import render_job_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["lan", "hung"])
def test_the_programme_owner_and_the_leader_may_ask(demo, request_sample, persona):
    job = request_sample(getattr(demo, persona), run=False)
    assert job.status == RenderStatus.QUEUED
    assert job.progress == 0
    assert job.step == services.STEP_QUEUED
    assert job.requested_by == getattr(demo, persona)


@pytest.mark.parametrize("persona", ["mai", "ha", "son", "tuan", "linh", "quang", "thu", "outsider"])
def test_others_may_not_ask_for_the_communes_document(demo, persona):
    with pytest.raises(PermissionDenied) as error:
        render_job_request(
            builder=BUILDER,
            params={"plan_id": demo.plan.pk},
            title="Báo cáo",
            unit=demo.plan.commune,
            user=getattr(demo, persona),
        )
    assert str(error.value) == services.ERR_NO_RIGHT.format(unit="Xã Hoàng Văn Thụ")
    assert not RenderJob.objects.exists()


def test_a_reporter_may_ask_for_a_document_of_their_own_unit(demo, django_capture_on_commit_callbacks):
    school = demo.mai.memberships.get().unit
    with django_capture_on_commit_callbacks(execute=False):
        job = render_job_request(builder=BUILDER, params={}, title="Báo cáo của trường", unit=school, user=demo.mai)
    assert job.unit == school


def test_an_unknown_kind_of_document_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        render_job_request(builder="khong.co", params={}, title="Báo cáo", unit=demo.plan.commune, user=demo.lan)
    assert error.value.message_dict == {"builder": [services.ERR_UNKNOWN_BUILDER.format(name="khong.co")]}


def test_parameters_must_be_storable(demo):
    with pytest.raises(ValidationError) as error:
        render_job_request(
            builder=BUILDER, params={"x": object()}, title="Báo cáo", unit=demo.plan.commune, user=demo.lan
        )
    assert error.value.message_dict == {"params": [services.ERR_PARAMS]}


def test_a_title_is_required(demo):
    with pytest.raises(ValidationError) as error:
        render_job_request(builder=BUILDER, params={}, title="  ", unit=demo.plan.commune, user=demo.lan)
    assert error.value.message_dict == {"title": [services.ERR_TITLE]}
