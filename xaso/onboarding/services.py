"""Writes: create a commune, import its units and people from a spreadsheet (all or nothing), issue
one-time set-up links (by e-mail, or on a printed sheet with QR codes), and use one.

A set-up link only sets the person's password: signing in afterwards goes through the ordinary
log-in, which asks the people whose role needs it (xaso/access/policy.py ROLES, second_factor) to
set up their second factor."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from xaso.onboarding.communes import ward, wards_of
from xaso.onboarding.models import Delivery, OnboardedCommune, RosterImport, SetupLink
from xaso.onboarding.roster import RosterPlan, read_roster, roster_check
from xaso.onboarding.selectors import communes_onboardable, provinces_onboarded
from xaso.units.models import Membership, OrgUnit, Role, UnitKind
from xaso.units.selectors import UserLike
from xaso.units.services import membership_grant, unit_create, unit_update
from xaso.vi.text import fold

logger = logging.getLogger(__name__)

ERR_NO_RIGHT = "Bạn không có quyền đưa xã lên Xã số ở {place}."
ERR_COMMUNE_EXISTS = "{province} đã có “{name}” trong Xã số."
ERR_WARD_UNKNOWN = "Không có đơn vị hành chính mã {code} trong danh mục của {province}."
ERR_WARD_TAKEN = "“{name}” (mã {code}) đã được đưa lên Xã số."
ERR_NAME_REQUIRED = "Hãy chọn xã trong danh mục hoặc nhập tên xã."
ERR_NAME_START = "Tên xã phải bắt đầu bằng “Xã”, “Phường” hoặc “Đặc khu”, ví dụ Xã Tân Tiến."
ERR_LINK_UNKNOWN = "Đường dẫn đặt mật khẩu không đúng, hoặc đã được thay bằng một đường dẫn mới hơn."
ERR_LINK_USED = "Đường dẫn này đã được dùng để đặt mật khẩu lúc {when}. Hãy đăng nhập bằng mật khẩu đã đặt."
ERR_LINK_EXPIRED = "Đường dẫn này đã hết hạn từ {when}. Hãy nhờ cán bộ quản trị cấp tỉnh cấp đường dẫn mới."
ERR_LINK_REVOKED = "Đường dẫn này đã được thay bằng một đường dẫn mới hơn; hãy dùng đường dẫn mới nhất bạn nhận được."
ERR_NO_EMAIL = "{name} chưa có thư điện tử; hãy in phiếu có mã QR cho người này."

EMAIL_SUBJECT = "[Xã số] Đặt mật khẩu cho tài khoản của bạn"
EMAIL_BODY = """Chào {name},

{who} đã tạo cho bạn tài khoản Xã số của {commune}:
- Tên đăng nhập: {username}
- Đơn vị, vai trò: {roles}

Để bắt đầu, hãy đặt mật khẩu tại đường dẫn dưới đây (chỉ dùng được một lần, đến hết {expires}):
{url}

Sau khi đặt mật khẩu, bạn đăng nhập tại {login}.{second_factor}

—
Thư tự động từ Xã số; xin đừng trả lời thư này. Nếu bạn không đề nghị tài khoản này, hãy bỏ qua thư."""
SECOND_FACTOR_NOTE = (
    "\nVì vai trò của bạn, lần đăng nhập đầu tiên Xã số sẽ hướng dẫn bạn cài ứng dụng xác thực trên điện thoại "
    "(bước xác thực thứ hai)."
)
ROLE_WORDS = {
    Role.PROGRAMME_OWNER: "chủ trì chương trình",
    Role.LEADER: "lãnh đạo",
    Role.REPORTER: "cán bộ báo cáo",
    Role.PORTAL_EDITOR: "biên tập viên",
}


def link_lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.SETUP_LINK_DAYS)


# -- communes ---------------------------------------------------------------------------------------


@transaction.atomic
def commune_create(
    *, province: OrgUnit, user: UserLike, ward_code: int | None = None, name: str = "", code: str = ""
) -> OrgUnit:
    """A commune of the province, from the national list (ward_code) or typed by hand (name)."""
    if not provinces_onboarded(user=user).filter(pk=province.pk).exists():
        raise PermissionDenied(ERR_NO_RIGHT.format(place=province.name))
    official = None
    if ward_code is not None:
        found = ward(province.name, ward_code)
        if found is None:
            raise ValidationError({"ward": ERR_WARD_UNKNOWN.format(code=ward_code, province=province.name)})
        if OnboardedCommune.objects.filter(official_code=ward_code).exists():
            raise ValidationError({"ward": ERR_WARD_TAKEN.format(name=found.name, code=ward_code)})
        name, official = found.name, ward_code
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": ERR_NAME_REQUIRED})
    if not fold(name).startswith(("xa ", "phuong ", "dac khu ", "thi tran ")):
        raise ValidationError({"name": ERR_NAME_START})
    siblings = OrgUnit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=province.path)
    if any(fold(existing) == fold(name) for existing in siblings.values_list("name", flat=True)):
        raise ValidationError({"name": ERR_COMMUNE_EXISTS.format(province=province.name, name=name)})
    code = code.strip().lower() or _commune_code(province, name)
    commune = unit_create(code=code, name=name, kind=UnitKind.COMMUNE, parent=province, short_name="UBND xã")
    OnboardedCommune.objects.create(commune=commune, official_code=official, created_by=user)
    return commune


def _commune_code(province: OrgUnit, name: str) -> str:
    words = fold(name).split()
    base = f"{province.code}-{slugify(' '.join(words[1:]) or name)}"[:60]
    code, n = base, 2
    while OrgUnit.objects.filter(code=code).exists():
        code, n = f"{base[:57]}-{n}", n + 1
    return code


def wards_available(*, province: OrgUnit) -> list[Any]:
    """The province's communes in the national list that are not in Xã số yet."""
    taken_codes = set(OnboardedCommune.objects.exclude(official_code=None).values_list("official_code", flat=True))
    taken_names = {
        fold(n)
        for n in OrgUnit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=province.path).values_list(
            "name", flat=True
        )
    }
    return [w for w in wards_of(province.name) if w.code not in taken_codes and fold(w.name) not in taken_names]


# -- the spreadsheet of units and people ---------------------------------------------------------------


@dataclass
class RosterResult:
    roster: RosterImport
    new_people: list[Any]
    emailed: int
    to_print: int


def roster_import(*, commune: OrgUnit, user: UserLike, filename: str, data: bytes) -> RosterResult:
    """Read and check the whole file, then create everything in one transaction, or nothing."""
    if not communes_onboardable(user=user).filter(pk=commune.pk).exists():
        raise PermissionDenied(ERR_NO_RIGHT.format(place=commune.name))
    plan = roster_check(read_roster(data, name=filename), commune=commune)
    with transaction.atomic():
        result = _apply(plan, commune=commune, user=user, filename=filename, data=data)
    return result


def _apply(plan: RosterPlan, *, commune: OrgUnit, user: UserLike, filename: str, data: bytes) -> RosterResult:
    units: dict[str, OrgUnit] = {commune.code: commune}
    created = updated = 0
    for row in plan.units:
        if row.existing is not None:
            unit = row.existing
            if (unit.name, unit.short_name) != (row.name, row.short_name or unit.short_name):
                unit = unit_update(unit=unit, name=row.name, short_name=row.short_name or unit.short_name)
                updated += 1
        else:
            unit = unit_create(code=row.code, name=row.name, kind=row.kind, parent=commune, short_name=row.short_name)
            created += 1
        units[unit.code] = unit
    missing = {p.unit_key for p in plan.people} - set(units)
    units |= {u.code: u for u in OrgUnit.objects.filter(code__in=missing)}
    user_model = get_user_model()
    new_people = []
    granted = 0
    for person in plan.people:
        account = person.existing
        if account is None:
            account = user_model(
                username=person.username, first_name=person.first_name, last_name=person.last_name, email=person.email
            )
            account.set_unusable_password()
            account.full_clean(exclude=["password"])
            account.save()
            new_people.append(account)
        for role in person.roles:
            before = Membership.objects.filter(user=account, unit=units[person.unit_key], role=role).exists()
            membership_grant(user=account, unit=units[person.unit_key], role=role, position=person.position)
            granted += 0 if before else 1
    record = RosterImport(
        commune=commune,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        units_created=created,
        units_updated=updated,
        people_created=len(new_people),
        roles_granted=granted,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record.save()
    record.file.save(f"{slugify(fold(filename.rsplit('.', 1)[0]))[:60] or 'danh-sach'}.xlsx", ContentFile(data))
    emailed = 0
    for account in new_people:
        if account.email:
            setup_link_email(person=account, user=user)
            emailed += 1
    _refresh_drafts(commune)
    return RosterResult(record, new_people, emailed, len(new_people) - emailed)


def _refresh_drafts(commune: OrgUnit) -> None:
    """Units just imported are matched to the names of the commune's plans still in draft."""
    from xaso.intake import draft as d
    from xaso.intake.models import DraftStatus, PlanDraft
    from xaso.intake.services import unit_map_refresh

    for draft in PlanDraft.objects.filter(commune=commune, status=DraftStatus.READY).select_for_update():
        draft.unit_map = unit_map_refresh(
            draft=d.Draft.from_json(draft.draft), commune=commune, previous=draft.unit_map
        )
        draft.save(update_fields=["unit_map"])


# -- set-up links -----------------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class IssuedLink:
    link: SetupLink
    url: str


def setup_link_issue(*, person: Any, user: UserLike, delivery: str) -> IssuedLink:
    """A new link for the person; their earlier unused links stop working."""
    membership = Membership.objects.filter(user=person).select_related("unit").order_by("pk").first()
    if (
        membership is None
        or not communes_onboardable(user=user).filter(pk=membership.unit.commune_id or membership.unit_id).exists()
    ):
        raise PermissionDenied(ERR_NO_RIGHT.format(place=membership.unit.name if membership else str(person)))
    now = timezone.now()
    SetupLink.objects.filter(user=person, used_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    link = SetupLink.objects.create(
        user=person,
        unit=membership.unit,
        token_hash=_digest(token),
        delivery=delivery,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        expires_at=now + link_lifetime(),
    )
    return IssuedLink(link, settings.BASE_URL + reverse("onboarding:setup", args=[token]))


def setup_link_email(*, person: Any, user: UserLike) -> SetupLink:
    """Issue a link and send it by e-mail once the transaction commits (the secret is in the e-mail only)."""
    if not person.email:
        raise ValidationError(ERR_NO_EMAIL.format(name=person.get_full_name() or person.username))
    issued = setup_link_issue(person=person, user=user, delivery=Delivery.EMAIL)
    body = _email_body(person=person, user=user, issued=issued)

    def send() -> None:
        try:
            EmailMessage(subject=EMAIL_SUBJECT, body=body, to=[person.email]).send(fail_silently=False)
        except Exception:
            logger.exception("Set-up e-mail to %s failed", person.email)

    transaction.on_commit(send)
    return issued.link


def _email_body(*, person: Any, user: UserLike, issued: IssuedLink) -> str:
    from xaso.access.policy import ROLES

    memberships = list(Membership.objects.filter(user=person).select_related("unit"))
    roles = "; ".join(f"{m.unit.name} — {ROLE_WORDS.get(Role(m.role), m.role)}" for m in memberships)
    second = any(ROLES[Role(m.role)].second_factor for m in memberships if Role(m.role) in ROLES)
    commune = memberships[0].unit.commune if memberships and memberships[0].unit.commune else None
    return EMAIL_BODY.format(
        name=person.get_full_name() or person.username,
        who=(user.get_full_name() or user.username) if getattr(user, "is_authenticated", False) else "Xã số",
        commune=commune.name if commune else "xã",
        username=person.username,
        roles=roles,
        expires=timezone.localtime(issued.link.expires_at).strftime("%H:%M ngày %d/%m/%Y"),
        url=issued.url,
        login=settings.BASE_URL + reverse("wagtailadmin_login"),
        second_factor=SECOND_FACTOR_NOTE if second else "",
    )


def setup_links_print(*, people: Iterable[Any], user: UserLike) -> list[IssuedLink]:
    """Fresh links for a printed sheet: printing again replaces the links of the earlier sheet."""
    with transaction.atomic():
        return [setup_link_issue(person=person, user=user, delivery=Delivery.PRINT) for person in people]


def setup_link_find(*, token: str) -> SetupLink:
    """The link of `token` if it can still be used; raises ValidationError saying why not."""
    link = SetupLink.objects.select_related("user").filter(token_hash=_digest(token)).first()
    if link is None or not link.user.is_active:
        raise ValidationError(ERR_LINK_UNKNOWN, code="unknown")
    if link.used_at is not None:
        raise ValidationError(ERR_LINK_USED.format(when=_when(link.used_at)), code="used")
    if link.revoked_at is not None:
        raise ValidationError(ERR_LINK_REVOKED, code="revoked")
    if link.expires_at <= timezone.now():
        raise ValidationError(ERR_LINK_EXPIRED.format(when=_when(link.expires_at)), code="expired")
    return link


def _when(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M ngày %d/%m/%Y")


@transaction.atomic
def setup_link_use(*, token: str, password: str) -> Any:
    """Set the password (already checked by Django's validators) and spend the link, once."""
    link = setup_link_find(token=token)
    spent = SetupLink.objects.filter(pk=link.pk, used_at=None, revoked_at=None).update(used_at=timezone.now())
    if not spent:
        raise ValidationError(ERR_LINK_UNKNOWN, code="unknown")
    person = link.user
    person.set_password(password)
    person.save(update_fields=["password"])
    SetupLink.objects.filter(user=person, used_at=None, revoked_at=None).update(revoked_at=timezone.now())
    return person
