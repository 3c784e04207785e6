"""Who brings which communes on board, and who follows how far they are.

A province's administrators (roles whose rule carries Duty.ONBOARD_COMMUNES in
xaso/access/policy.py, held at the province or one of its departments) onboard every commune of
that province; its viewers (Duty.FOLLOW_PROVINCE) follow them; superusers do both everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from xaso.onboarding.models import OnboardedCommune, RosterImport, SetupLink
from xaso.units.models import Membership, OrgUnit, UnitKind
from xaso.units.selectors import UserLike, scope_for
from xaso.vi.text import fold


def _province_paths_with(*, user: UserLike, duty: str) -> tuple[str, ...] | None:
    """Paths of the provinces where the person's roles carry `duty`; None means every province."""
    from xaso.access.policy import ROLES

    scope = scope_for(user=user)
    if scope.is_superuser:
        return None
    if scope.is_empty:
        return ()
    roles = [role for role, rule in ROLES.items() if duty in rule.duties]
    paths = Membership.objects.filter(user=user, role__in=roles, unit__is_active=True).values_list(
        "unit__path", flat=True
    )
    return tuple(sorted({path[: OrgUnit.steplen] for path in paths}))


def _under(paths: tuple[str, ...] | None, prefix: str = "") -> Q:
    if paths is None:
        return Q()
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{prefix}path__startswith": path})
    return query


def provinces_onboarded(*, user: UserLike) -> QuerySet[OrgUnit]:
    from xaso.access.rules import Duty

    paths = _province_paths_with(user=user, duty=Duty.ONBOARD_COMMUNES)
    return OrgUnit.objects.filter(_under(paths), kind=UnitKind.PROVINCE)


def communes_onboardable(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes whose units and people the person may import and whose links they may issue."""
    from xaso.access.rules import Duty

    paths = _province_paths_with(user=user, duty=Duty.ONBOARD_COMMUNES)
    return OrgUnit.objects.filter(_under(paths), kind=UnitKind.COMMUNE)


def provinces_followed(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Provinces whose onboarding the person follows: viewers and administrators of the province."""
    scope = scope_for(user=user)
    if scope.is_superuser:
        return OrgUnit.objects.filter(kind=UnitKind.PROVINCE)
    return OrgUnit.objects.filter(_under(scope.viewed_province_paths), kind=UnitKind.PROVINCE)


def communes_followed(*, user: UserLike) -> QuerySet[OrgUnit]:
    scope = scope_for(user=user)
    paths = None if scope.is_superuser else scope.viewed_province_paths
    return OrgUnit.objects.filter(_under(paths), kind=UnitKind.COMMUNE)


def onboarded_communes_readable(*, user: UserLike) -> QuerySet[OnboardedCommune]:
    return OnboardedCommune.objects.filter(commune__in=communes_followed(user=user))


def onboarded_communes_writable(*, user: UserLike) -> QuerySet[OnboardedCommune]:
    return OnboardedCommune.objects.filter(commune__in=communes_onboardable(user=user))


def roster_imports_readable(*, user: UserLike) -> QuerySet[RosterImport]:
    return RosterImport.objects.filter(commune__in=communes_followed(user=user)).select_related("created_by")


def roster_imports_writable(*, user: UserLike) -> QuerySet[RosterImport]:
    return RosterImport.objects.filter(commune__in=communes_onboardable(user=user))


def setup_links_readable(*, user: UserLike) -> QuerySet[SetupLink]:
    """Set-up links are seen by those who issue them only: a province viewer needs the counts, not the links."""
    return SetupLink.objects.filter(unit__commune__in=communes_onboardable(user=user))


def setup_links_writable(*, user: UserLike) -> QuerySet[SetupLink]:
    return setup_links_readable(user=user)


# -- the province's view of its communes coming on board --------------------------------------------


@dataclass
class CommuneProgress:
    commune: OrgUnit
    onboarded_at: Any = None
    units: int = 0
    people: int = 0
    set_up: int = 0
    logged_in: int = 0
    plan_code: str = ""
    plan_from_document_at: Any = None
    drafts_open: int = 0
    first_report_at: Any = None
    first_sent_at: Any = None

    @property
    def steps_done(self) -> int:
        return sum(bool(x) for x in (self.units, self.set_up, self.plan_code, self.first_report_at))


@dataclass
class ProvinceProgress:
    province: OrgUnit
    communes: list[CommuneProgress] = field(default_factory=list)


def onboarding_overview(*, user: UserLike) -> list[ProvinceProgress]:
    """Per commune of each province the person follows: units, people who set their password and
    who logged in, the plan, the first report. A fixed number of queries whatever the communes."""
    from xaso.intake.models import DraftStatus, PlanDraft
    from xaso.plans.models import Plan
    from xaso.reporting.models import ReportingPeriod, UnitReport

    provinces = list(provinces_followed(user=user).order_by("name"))
    if not provinces:
        return []
    communes = list(
        communes_followed(user=user).filter(_under(tuple(p.path for p in provinces))).select_related("onboarding")
    )
    ids = [c.pk for c in communes]
    units = dict(
        OrgUnit.objects.filter(commune_id__in=ids, is_active=True)
        .exclude(kind=UnitKind.COMMUNE)
        .order_by()
        .values("commune_id")
        .annotate(n=Count("pk"))
        .values_list("commune_id", "n")
    )
    # Django marks an account without a password (set_unusable_password) with a leading "!".
    usable = ~Q(user__password__startswith="!") & ~Q(user__password="")  # noqa: S106
    people = {
        row["unit__commune_id"]: row
        for row in Membership.objects.filter(unit__commune_id__in=ids, user__is_active=True)
        .order_by()
        .values("unit__commune_id")
        .annotate(
            people=Count("user", distinct=True),
            set_up=Count("user", filter=usable, distinct=True),
            logged_in=Count("user", filter=Q(user__last_login__isnull=False), distinct=True),
        )
    }
    plans: dict[int, str] = {}
    for commune_id, code in (
        Plan.objects.filter(commune_id__in=ids, is_active=True).order_by("-issued_on").values_list("commune_id", "code")
    ):
        plans.setdefault(commune_id, code)  # the latest plan of each commune
    drafts = {
        row["commune_id"]: row
        for row in PlanDraft.objects.filter(commune_id__in=ids)
        .order_by()
        .values("commune_id")
        .annotate(
            confirmed=Min("confirmed_at"),
            open=Count("pk", filter=Q(status__in=[DraftStatus.QUEUED, DraftStatus.RUNNING, DraftStatus.READY])),
        )
    }
    reports = dict(
        UnitReport.objects.filter(unit__commune_id__in=ids, first_submitted_at__isnull=False)
        .order_by()
        .values("unit__commune_id")
        .annotate(first=Min("first_submitted_at"))
        .values_list("unit__commune_id", "first")
    )
    sent = dict(
        ReportingPeriod.objects.filter(commune_id__in=ids, sent_at__isnull=False)
        .order_by()
        .values("commune_id")
        .annotate(first=Min("sent_at"))
        .values_list("commune_id", "first")
    )
    by_province: dict[str, ProvinceProgress] = {p.path: ProvinceProgress(p) for p in provinces}
    for commune in sorted(communes, key=lambda c: fold(c.name)):
        onboarding = getattr(commune, "onboarding", None)
        counts = people.get(commune.pk, {})
        draft = drafts.get(commune.pk, {})
        progress = CommuneProgress(
            commune=commune,
            onboarded_at=onboarding.created_at if onboarding else None,
            units=units.get(commune.pk, 0),
            people=counts.get("people", 0),
            set_up=counts.get("set_up", 0),
            logged_in=counts.get("logged_in", 0),
            plan_code=plans.get(commune.pk, ""),
            plan_from_document_at=draft.get("confirmed"),
            drafts_open=draft.get("open", 0),
            first_report_at=reports.get(commune.pk),
            first_sent_at=sent.get(commune.pk),
        )
        province = by_province.get(commune.path[: OrgUnit.steplen])
        if province:
            province.communes.append(progress)
    return list(by_province.values())
