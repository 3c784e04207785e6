"""Two communes, two units, one marked object of every kind in each: the world the matrix walks.

Every object made here carries a marker ("zq" + where + "q" + number) in the text the back office
shows for it (title, name, subject…). Where a marker belongs decides who may see it:
- "a1", "a2": a unit of xã Hoàng Văn Thụ (Trường THCS — mai's; Trường Tiểu học — ha's);
- "a": xã Hoàng Văn Thụ as a whole (its plan, funding, portal drafts…);
- "b1": a unit of xã Tân Thanh (its primary school); "b": xã Tân Thanh as a whole;
- "u:<username>": one person's own (their notifications);
- "pub": published for everyone (an issued plan and its targets and tasks are public documents).
`visible(persona, marker)` says, independently of the selectors under test, whether a persona
may ever see it. The crawl fails when a response shows a marker its reader may not see.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, Site

from xaso.units.models import OrgUnit, Role, UnitKind

SENTINEL_CODE = "ls-tt-zq-world"

# Where each persona belongs: their communes ("a", "b") and, for unit-reach roles, their unit.
PERSONA_REACH: dict[str, tuple[frozenset[str], str | None]] = {
    "lan": (frozenset({"a"}), None),
    "hung": (frozenset({"a"}), None),
    "mai": (frozenset({"a"}), "a1"),
    "ha": (frozenset({"a"}), "a2"),
    "son": (frozenset({"a"}), "a-village"),
    "tuan": (frozenset({"a"}), "a-office"),
    "linh": (frozenset({"a"}), "a-vhxh"),
    "quang": (frozenset({"a", "b"}), None),
    "hoa": (frozenset({"a", "b"}), None),
    "thu": (frozenset({"b"}), None),
    "outsider": (frozenset(), None),
    "anonymous": (frozenset(), None),
}


def visible(persona: str, marker: str, *, username: str = "") -> bool:
    """May `persona` ever see the object carrying `marker`?"""
    where = MARKS.where[marker]
    if persona == "admin" or where == "pub":
        return True
    if where.startswith("u:"):
        return where == f"u:{username}"
    return may_see_place(persona, where)


def may_see_place(persona: str, place: str) -> bool:
    """May `persona` see what belongs to `place` ("a1", "a", "b1", "b"…)?"""
    if persona == "admin":
        return True
    communes, unit = PERSONA_REACH[persona]
    if place[0] not in communes:
        return False
    return len(place) == 1 or unit is None or place == unit


@dataclass
class Marks:
    where: dict[str, str] = field(default_factory=dict)
    counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def new(self, where: str) -> str:
        tag = where.replace(":", "").replace(".", "").replace("-", "").replace("q", "")[:8]
        marker = f"zq{tag}q{next(self.counter)}"
        self.where[marker] = where
        return marker


MARKS = Marks()


@dataclass
class World:
    """The objects each URL parameter is made concrete with, by kind and by place."""

    units: dict[str, OrgUnit]
    objects: dict[str, dict[str, Any]]  # model label -> place -> object
    pages: dict[str, Page]
    images: dict[str, Any]
    documents: dict[str, Any]
    users: dict[str, Any]
    evidence_urls: dict[str, str]
    extra: dict[str, dict[str, Any]]

    def of(self, label: str) -> dict[str, Any]:
        return self.objects.get(label, {})


def _png() -> ContentFile[bytes]:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="anh.png")


def _pdf(marker: str = "") -> ContentFile[bytes]:
    # The marker is written into the file itself: a file served to the wrong person shows it.
    body = f"%PDF-1.4\n% {marker}\n".encode()
    body += b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    body += b"trailer<</Root 1 0 R>>\n%%EOF\n"
    return ContentFile(body, name="bien-ban.pdf")


@transaction.atomic
def build_world() -> World:
    from xaso.activities.models import Evidence
    from xaso.channels.models import BroadcastAudio, BroadcastSlot, ChannelAccount, Delivery, Publication, VillageGroup
    from xaso.demo.loaders import load_portal_home, load_portal_section
    from xaso.documents.models import RenderJob
    from xaso.funding.models import BudgetLine, Spending
    from xaso.honours.models import Proposal
    from xaso.learning.models import Course, Enrolment, Learner
    from xaso.notifications.models import Notification
    from xaso.outreach.models import Club, ClubSession, EnterpriseSession, SchoolEvent, Showcase
    from xaso.plans.models import Plan, Target, Task, TaskGroup
    from xaso.portal.access import portal_setup
    from xaso.portal.models import Audience, HomePage, SectionPage, TopicPage
    from xaso.portal.services import article_draft_create, home_collection
    from xaso.registers.models import Acknowledgement, GuidingDocument, Person, ScienceTask, VillageProfile
    from xaso.reporting.models import ReportingCalendar, ReportingPeriod, UnitReport
    from xaso.testing.factories import activity, small_plan
    from xaso.units.services import membership_grant, unit_create
    from xaso.vi.models import Abbreviation
    from xaso.villages.models import HouseholdSnapshot, Platform, SupportVisit, TeamMember

    quiet = lambda _: None  # noqa: E731
    load_portal_home(quiet)
    load_portal_section(quiet)
    user_model = get_user_model()
    admin = user_model.objects.get(username="quantri")
    unit = OrgUnit.objects.get
    hvt, tt = unit(code="ls-hvt"), unit(code="ls-tt")
    units = {
        "a": hvt,
        "a1": unit(code="ls-hvt-thcs"),
        "a2": unit(code="ls-hvt-th"),
        "a-village": unit(code="ls-hvt-t-napan"),
        "b": tt,
        "b1": unit(code="ls-tt-th"),
        "b-village": unit(code="ls-tt-t-nacan"),
        "b-office": unit(code="ls-tt-vhxh"),
    }
    commune_of = {"a": hvt, "a1": hvt, "a2": hvt, "b": tt, "b1": tt}
    objects: dict[str, dict[str, Any]] = {}

    def keep(label: str, place: str, obj: Any) -> Any:
        objects.setdefault(label, {})[place] = obj
        log(obj, "wagtail.create", user=admin)
        return obj

    # -- organisation: a new unit and a person with a role in each commune -----------------------------
    units["b-new"] = keep(
        "units.OrgUnit",
        "b",
        unit_create(code=SENTINEL_CODE, name=f"Tổ {MARKS.new('b')}", kind=UnitKind.ORGANISATION, parent=tt),
    )
    keep(
        "units.OrgUnit",
        "a",
        unit_create(code="ls-hvt-zq-world", name=f"Tổ {MARKS.new('a')}", kind=UnitKind.ORGANISATION, parent=hvt),
    )
    users: dict[str, Any] = {}
    for place, member_unit in (("a1", units["a1"]), ("b1", units["b1"])):
        person = user_model.objects.create_user(
            f"zq.{place}", f"zq.{place}@xaso.local", "khong-dung-mat-khau", first_name=MARKS.new(place), last_name="Ng"
        )
        users[place] = person
        keep("units.Membership", place, membership_grant(user=person, unit=member_unit, role=Role.REPORTER))

    # -- plans: Tân Thanh's own plan, marked --------------------------------------------------------------
    seed = Plan.objects.get(code="33/KH-UBND")
    plan_b = small_plan(tt, code="07/KH-UBND")
    plan_b.title = f"Kế hoạch {MARKS.new('pub')} truyền thông Nghị quyết số 57-NQ/TW"
    plan_b.save()
    keep("plans.Plan", "b", plan_b)
    plans = {"a": seed, "b": plan_b}
    for place, plan in plans.items():
        group = TaskGroup.objects.filter(plan=plan).order_by("number").first()
        keep(
            "plans.Target",
            place,
            Target.objects.create(
                plan=plan,
                code=f"ZQ{place}",
                period_start=2026,
                period_end=2026,
                text=MARKS.new("pub"),
                indicator="honour_activities",
            ),
        )
        marked_group = TaskGroup.objects.filter(plan=plan).order_by("number").last()
        assert marked_group is not None
        marked_group.title = f"Nhóm {MARKS.new('pub')}"
        marked_group.save()
        keep("plans.TaskGroup", place, marked_group)
        keep(
            "plans.Task",
            place,
            Task.objects.create(plan=plan, group=group, code=f"ZQ-{place}", text=f"Nhiệm vụ {MARKS.new('pub')}"),
        )
    tasks = {
        place: Task.objects.filter(plan=plan).exclude(code__startswith="ZQ").first() for place, plan in plans.items()
    }

    # -- registers --------------------------------------------------------------------------------------
    people: dict[str, Any] = {}
    for place in ("a1", "a2", "b1"):
        people[place] = keep(
            "registers.Person",
            place,
            Person.objects.create(
                commune=commune_of[place],
                unit=units[place],
                full_name=f"Ông {MARKS.new(place)}",
                category="civil_servant",
            ),
        )
        keep(
            "registers.Acknowledgement",
            place,
            Acknowledgement.objects.create(person=people[place], date=dt.date(2026, 3, 2), note=MARKS.new(place)),
        )
    for place, village in (("a", units["a-village"]), ("b", units["b-village"])):
        profile, _ = VillageProfile.objects.get_or_create(
            unit=village, defaults={"commune": village.commune, "households": 10, "residents": 40}
        )
        keep("registers.VillageProfile", place, profile)
    for place in ("a", "b"):
        keep(
            "registers.GuidingDocument",
            place,
            GuidingDocument.objects.create(
                commune=commune_of[place],
                code=f"9{place}/KH-ZQ",
                issued_on=dt.date(2026, 1, 5),
                issuer="UBND tỉnh",
                title=f"Văn bản {MARKS.new(place)}",
            ),
        )
        keep(
            "registers.ScienceTask",
            place,
            ScienceTask.objects.create(
                commune=commune_of[place],
                code=f"ZQ-{place}",
                title=f"Đề tài {MARKS.new(place)}",
                start_year=2025,
                end_year=2026,
            ),
        )

    # -- activities, with evidence files ------------------------------------------------------------------
    evidence_urls: dict[str, str] = {}
    for place in ("a1", "a2", "b1"):
        done = activity(units[place], title=f"Hoạt động {MARKS.new(place)}", tasks=[tasks[place[0]]])
        keep("activities.Activity", place, done)
        evidence = Evidence(activity=done, caption=MARKS.new(place))
        evidence.file.save("danh-sach-ky-ten.pdf", _pdf(MARKS.new(place)), save=False)
        evidence.save()
        evidence_urls[place] = evidence.file.name

    # -- villages' teams -------------------------------------------------------------------------------
    for place, village in (("a", units["a-village"]), ("b", units["b-village"])):
        where = "a-village" if place == "a" else "b"
        keep(
            "villages.TeamMember",
            place,
            TeamMember.objects.create(commune=village.commune, village=village, full_name=f"Bà {MARKS.new(where)}"),
        )
        keep(
            "villages.SupportVisit",
            place,
            SupportVisit.objects.create(
                commune=village.commune, village=village, date=dt.date(2026, 3, 3), work=f"Hỗ trợ {MARKS.new(where)}"
            ),
        )
        keep(
            "villages.HouseholdSnapshot",
            place,
            HouseholdSnapshot.objects.create(
                commune=village.commune, village=village, month=dt.date(2026, 2, 1), note=MARKS.new(where)
            ),
        )
        keep(
            "villages.Platform", place, Platform.objects.create(commune=village.commune, name=f"Sàn {MARKS.new(place)}")
        )

    # -- learning -------------------------------------------------------------------------------------
    courses = {}
    for place in ("a", "b"):
        courses[place] = keep(
            "learning.Course",
            place,
            Course.objects.create(
                commune=commune_of[place],
                slug=f"zq-{place}",
                title=f"Khóa {MARKS.new(place)}",
                summary="Tóm tắt.",
                audience="residents",
            ),
        )
    for place in ("a1", "a2", "b1"):
        learner = Learner.objects.create(
            commune=commune_of[place], unit=units[place], name=f"Em {MARKS.new(place)}", code=f"ZQ{place.upper()}0001"
        )
        keep("learning.Enrolment", place, Enrolment.objects.create(learner=learner, course=courses[place[0]]))

    # -- commendations ----------------------------------------------------------------------------------
    for place in ("a1", "a2", "b1"):
        keep(
            "honours.Proposal",
            place,
            Proposal.objects.create(
                commune=commune_of[place],
                unit=units[place],
                nominee=f"Cô {MARKS.new(place)}",
                achievement="Tích cực.",
                public_summary="Tích cực.",
            ),
        )

    # -- channels ---------------------------------------------------------------------------------------
    for place in ("a", "b"):
        commune = commune_of[place]
        office = units["b-office"] if place == "b" else OrgUnit.objects.get(code="ls-hvt-vhxh")
        account = keep(
            "channels.ChannelAccount",
            place,
            ChannelAccount.objects.create(
                commune=commune, kind="facebook", unit=office, name=f"Trang {MARKS.new(place)}"
            ),
        )
        group = keep(
            "channels.VillageGroup", place, VillageGroup.objects.create(commune=commune, name=f"Cụm {MARKS.new(place)}")
        )
        publication = keep(
            "channels.Publication", place, Publication.objects.create(commune=commune, title=f"Tin {MARKS.new(place)}")
        )
        now = timezone.now()
        keep(
            "channels.Delivery",
            place,
            Delivery.objects.create(
                publication=publication, account=account, publish_at=now, not_before=now, reason=MARKS.new(place)
            ),
        )
        audio = keep(
            "channels.BroadcastAudio",
            place,
            BroadcastAudio.objects.create(publication=publication, script=f"Bản tin {MARKS.new(place)}"),
        )
        keep(
            "channels.BroadcastSlot",
            place,
            BroadcastSlot.objects.create(
                audio=audio, group=group, date=dt.date(2026, 3, 4), slot="morning", starts_at=now
            ),
        )
        keep(
            "vi.Abbreviation",
            place,
            Abbreviation.objects.create(commune=commune, text=f"ZQ{place.upper()}", expansion=MARKS.new(place)),
        )
        keep(
            "portal.Audience",
            place,
            Audience.objects.create(commune=commune, name=f"Bạn đọc {MARKS.new(place)}", slug=f"zq-{place}"),
        )

    # -- schools and enterprises ------------------------------------------------------------------------
    for place in ("a1", "a2", "b1"):
        commune = commune_of[place]
        club = keep(
            "outreach.Club",
            place,
            Club.objects.create(commune=commune, unit=units[place], name=f"CLB {MARKS.new(place)}"),
        )
        keep(
            "outreach.ClubSession",
            place,
            ClubSession.objects.create(commune=commune, club=club, date=dt.date(2026, 3, 5), topic=MARKS.new(place)),
        )
        keep(
            "outreach.SchoolEvent",
            place,
            SchoolEvent.objects.create(
                commune=commune, unit=units[place], title=f"Cuộc thi {MARKS.new(place)}", date_start=dt.date(2026, 3, 6)
            ),
        )
        keep(
            "outreach.EnterpriseSession",
            place,
            EnterpriseSession.objects.create(
                commune=commune, unit=units[place], title=f"Phổ biến {MARKS.new(place)}", date=dt.date(2026, 3, 7)
            ),
        )
        keep(
            "outreach.Showcase",
            place,
            Showcase.objects.create(
                commune=commune,
                unit=units[place],
                owner_name="Hộ kinh doanh",
                title=f"Mô hình {MARKS.new(place)}",
                summary="Tóm tắt.",
                date=dt.date(2026, 3, 8),
            ),
        )

    # -- funding -----------------------------------------------------------------------------------------
    for place in ("a", "b"):
        line = keep(
            "funding.BudgetLine",
            place,
            BudgetLine.objects.create(
                commune=commune_of[place],
                plan=plans[place],
                year=2026,
                source="state_budget",
                title=f"Dự toán {MARKS.new(place)}",
                amount=10_000_000,
            ),
        )
        keep(
            "funding.Spending",
            place,
            Spending.objects.create(
                commune=commune_of[place],
                line=line,
                task=tasks[place],
                date=dt.date(2026, 3, 9),
                amount=1_000,
                description=f"Chi {MARKS.new(place)}",
            ),
        )

    # -- reporting -----------------------------------------------------------------------------------------
    province = OrgUnit.objects.get(code="ls")
    ReportingCalendar.objects.get_or_create(province=province)
    for place in ("a", "b"):
        period = keep(
            "reporting.ReportingPeriod",
            place,
            ReportingPeriod.objects.create(
                commune=commune_of[place],
                plan=plans[place],
                kind="ad_hoc",
                year=2026,
                title=f"Báo cáo {MARKS.new(place)}",
                data_start=dt.date(2026, 1, 1),
                data_end=dt.date(2026, 5, 31),
                deadline=dt.date(2026, 6, 4),
            ),
        )
        for unit_place in (f"{place}1", f"{place}2") if place == "a" else ("b1",):
            keep(
                "reporting.UnitReport",
                unit_place,
                UnitReport.objects.create(period=period, unit=units[unit_place], results=MARKS.new(unit_place)),
            )

    # -- a plan read from its document, in each commune ------------------------------------------------------
    from xaso.intake.draft import Draft
    from xaso.intake.models import PlanDraft

    for place in ("a", "b"):
        marker = MARKS.new(place)
        draft = PlanDraft(
            commune=commune_of[place],
            title=f"Kế hoạch {marker}.docx",
            source_kind="text",
            status="ready",
            progress=100,
            lines=[f"KẾ HOẠCH {marker}"],
            restored_words=[[]],
            draft=Draft().to_json(),
        )
        draft.save()
        draft.source.save("van-ban.txt", ContentFile(f"KẾ HOẠCH {marker}".encode()))
        keep("intake.PlanDraft", place, draft)

    # -- generated documents -------------------------------------------------------------------------------
    for place in ("a1", "b1"):
        keep(
            "documents.RenderJob",
            place,
            RenderJob.objects.create(builder="nd30.sample", title=f"Văn bản {MARKS.new(place)}", unit=units[place]),
        )

    # -- notifications: each person's own ---------------------------------------------------------------------
    extra: dict[str, dict[str, Any]] = {"notifications": {}, "learners": {}}
    for persona, username in (("thu", "tt.vhxh"), ("mai", "thcs.mai")):
        owner = user_model.objects.get(username=username)
        extra["notifications"][persona] = Notification.objects.create(
            user=owner, key=f"zq-{persona}", subject=f"Nhắc {MARKS.new(f'u:{username}')}", body="Nội dung."
        )

    # -- the portals: Tân Thanh's own, a draft article in each, a picture and a file in each collection ---------
    hvt_home = HomePage.objects.get(commune=hvt)
    tt_home = HomePage.objects.filter(commune=tt).first()
    if tt_home is None:
        tt_home = HomePage(
            title="Trang thông tin điện tử xã Tân Thanh", slug="tan-thanh", commune=tt, intro="Tin tức xã Tân Thanh."
        )
        Page.get_first_root_node().add_child(instance=tt_home)
        tt_home.save_revision(user=admin).publish(user=admin)
        Site.objects.create(hostname="tanthanh.localhost", port=80, root_page=tt_home, site_name=tt.name)
        portal_setup(home=tt_home)
        section = SectionPage(title="Nghị quyết 57", slug="nghi-quyet-57", intro="Chuyên mục.")
        tt_home.add_child(instance=section)
        section.save_revision(user=admin).publish(user=admin)
        topic = TopicPage(title="Tin tức", slug="tin-tuc", intro="Tin tức.")
        section.add_child(instance=topic)
        topic.save_revision(user=admin).publish(user=admin)
    pages: dict[str, Page] = {"a-home": hvt_home, "b-home": tt_home}
    images: dict[str, Any] = {}
    documents: dict[str, Any] = {}
    for place, home in (("a", hvt_home), ("b", tt_home)):
        topic = TopicPage.objects.descendant_of(home).first()
        editor_unit = OrgUnit.objects.get(code="ls-hvt-vhxh") if place == "a" else units["b-office"]
        pages[place] = article_draft_create(
            topic=topic,
            title=f"Bài nháp {MARKS.new(place)}",
            intro="Tóm tắt.",
            body=[{"type": "paragraph", "value": "<p>Nội dung.</p>"}],
            unit=editor_unit,
            user=admin,
        )
        pages[f"{place}-topic"] = topic
        collection = home_collection(home=home)
        image = get_image_model()(title=f"Ảnh {MARKS.new(place)}", collection=collection)
        image.file.save("anh.png", _png(), save=False)
        image.save()
        # A tag is a word an editor chose: it must not be offered to another commune's editors.
        image.tags.add(MARKS.new(place))
        images[place] = image
        document = get_document_model()(title=f"Tệp {MARKS.new(place)}", collection=collection)
        document.file.save("tep.pdf", _pdf(), save=False)
        document.save()
        documents[place] = document
    return World(
        units=units,
        objects=objects,
        pages=pages,
        images=images,
        documents=documents,
        users=users,
        evidence_urls=evidence_urls,
        extra=extra,
    )
