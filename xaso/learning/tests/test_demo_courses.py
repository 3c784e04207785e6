from __future__ import annotations

from xaso.learning.demo import load_courses, load_demo_learners
from xaso.learning.models import Completion, Course, Enrolment, Lesson
from xaso.registers.services import person_create
from xaso.units.models import OrgUnit


def test_the_shipped_courses_load_once_with_the_spoken_lesson(demo):
    load_courses(lambda _: None)
    load_courses(lambda _: None)
    assert Course.objects.count() == 2
    spoken = Lesson.objects.exclude(media="").get()
    assert spoken.media.name.endswith(".ogg")
    assert spoken.media_kind == "audio"


def test_demo_learners_enrol_the_registry_and_finish_some(demo):
    office = OrgUnit.objects.get(code="ls-hvt-vhxh")
    for name in ("Nguyễn Thị Lan", "Hoàng Đức Phúc", "Mã Thị Thảo", "Lăng Văn Quý"):
        person_create(
            unit=office, full_name=name, category="civil_servant", is_communication_officer=name == "Nguyễn Thị Lan"
        )
    load_courses(lambda _: None, with_media=False)
    load_demo_learners(lambda _: None)
    load_demo_learners(lambda _: None)
    assert Enrolment.objects.filter(learner__unit=office, course__slug="nghi-quyet-57-ke-hoach-33").count() == 4
    assert Completion.objects.filter(enrolment__course__slug="nghi-quyet-57-ke-hoach-33").count() == 3
    assert Completion.objects.filter(enrolment__course__slug="ky-nang-truyen-thong-so").count() == 1
