"""Who may read and change what in Xã số — the one declaration.

Three tables, read by everything that decides access:
- ROLES: how far each role reads (its unit, its commune, its province), what it may do
  beyond reading, and whether it logs in with a second factor. units.selectors.scope_for
  builds a person's scope from it.
- MODELS: for every back-office model, the model-level actions each role holds (the role
  backend grants them as Django permissions) and the selectors that decide which rows
  (Wagtail's permission policies and the snippet screens, choosers and bulk actions use them).
- VIEWS: for every URL of the project and of the Wagtail admin it exposes, who may reach it
  at all (xaso.access.middleware enforces it; rows are then decided by the view's selectors).
  A URL missing from VIEWS answers 404, and the permission-matrix test fails on it.

Adding a role, a model or a screen means adding a line here; the tests in xaso/access/tests
walk every URL as every persona against this declaration.
"""

from __future__ import annotations

from dataclasses import replace

from xaso.access.rules import (
    EDIT,
    MANAGE,
    PAGES,
    VIEW,
    Duty,
    FileRule,
    ModelRule,
    Reach,
    RoleRule,
    ViewRule,
    any_role,
    model_views,
    public,
    roles,
    signed_in,
    superuser,
)
from xaso.units.models import Role

OWNER = Role.PROGRAMME_OWNER
LEADER = Role.LEADER
REPORTER = Role.REPORTER
EDITOR = Role.PORTAL_EDITOR
PROVINCE = Role.PROVINCE_VIEWER
# The Department's administrator: a province viewer who also brings communes on board (creates
# them, imports their units and people, issues set-up links). Granted by a superuser only.
PROVINCE_ADMIN = Role.PROVINCE_ADMIN

ROLES: dict[Role, RoleRule] = {
    OWNER: RoleRule(
        label="chủ trì chương trình",
        reach=Reach.COMMUNE,
        duties=frozenset({Duty.OWN_PROGRAMME}),
        second_factor=True,
    ),
    LEADER: RoleRule(label="lãnh đạo", reach=Reach.COMMUNE, duties=frozenset({Duty.LEAD}), second_factor=True),
    REPORTER: RoleRule(label="cán bộ báo cáo", reach=Reach.UNIT, duties=frozenset({Duty.WRITE_OWN_UNIT})),
    EDITOR: RoleRule(label="biên tập viên", reach=Reach.UNIT, duties=frozenset({Duty.EDIT_PORTAL})),
    PROVINCE: RoleRule(
        label="theo dõi cấp tỉnh",
        reach=Reach.PROVINCE,
        duties=frozenset({Duty.FOLLOW_PROVINCE}),
        second_factor=True,
    ),
    PROVINCE_ADMIN: RoleRule(
        label="quản trị cấp tỉnh",
        reach=Reach.PROVINCE,
        duties=frozenset({Duty.FOLLOW_PROVINCE, Duty.ONBOARD_COMMUNES}),
        second_factor=True,
    ),
}

# Anyone holding a role may open the back office.
BASE_PERMISSIONS = frozenset({"wagtailadmin.access_admin"})


def _sel(app: str, name: str) -> str:
    return f"xaso.{app}.selectors.{name}"


MODELS: dict[str, ModelRule] = {
    # -- organisation ------------------------------------------------------------------------------
    "units.OrgUnit": ModelRule(
        grants={OWNER: EDIT, LEADER: VIEW, REPORTER: VIEW, EDITOR: VIEW, PROVINCE: VIEW},
        readable=_sel("units", "units_readable"),
        writable=_sel("units", "units_writable"),
        owner="",
        owner_level=Reach.COMMUNE,
    ),
    "units.Membership": ModelRule(
        grants={OWNER: VIEW, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("units", "memberships_readable"),
        writable=_sel("units", "memberships_writable"),
        owner="unit",
    ),
    # -- the plan ----------------------------------------------------------------------------------
    **{
        label: ModelRule(
            grants={OWNER: MANAGE, LEADER: VIEW, REPORTER: VIEW, EDITOR: VIEW, PROVINCE: VIEW},
            readable=_sel("plans", readable),
            writable=_sel("plans", writable),
            owner=owner,
            owner_level=Reach.COMMUNE,
        )
        for label, readable, writable, owner in (
            ("plans.Plan", "plans_readable", "plans_editable", "commune"),
            ("plans.Target", "targets_readable", "targets_editable", "plan__commune"),
            ("plans.TaskGroup", "task_groups_readable", "task_groups_editable", "plan__commune"),
            ("plans.Task", "tasks_readable", "tasks_editable", "plan__commune"),
        )
    },
    # -- registers ---------------------------------------------------------------------------------
    "registers.Person": ModelRule(
        grants={OWNER: MANAGE, REPORTER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("registers", "people_readable"),
        writable=_sel("registers", "people_writable"),
        owner="unit",
    ),
    "registers.Acknowledgement": ModelRule(
        grants={OWNER: MANAGE, REPORTER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("registers", "acknowledgements_readable"),
        writable=_sel("registers", "acknowledgements_writable"),
        owner="person__unit",
    ),
    "registers.VillageProfile": ModelRule(
        grants={OWNER: MANAGE, REPORTER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("registers", "village_profiles_readable"),
        writable=_sel("registers", "village_profiles_writable"),
        owner="unit",
    ),
    "registers.GuidingDocument": ModelRule(
        grants={OWNER: MANAGE, REPORTER: VIEW, EDITOR: VIEW, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("registers", "guiding_documents_readable"),
        writable=_sel("registers", "guiding_documents_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "registers.ScienceTask": ModelRule(
        grants={OWNER: MANAGE, REPORTER: VIEW, EDITOR: VIEW, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("registers", "science_tasks_readable"),
        writable=_sel("registers", "science_tasks_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    # -- activities --------------------------------------------------------------------------------
    "activities.Activity": ModelRule(
        grants={OWNER: MANAGE, REPORTER: MANAGE, LEADER: VIEW, PROVINCE: VIEW, EDITOR: VIEW},
        readable=_sel("activities", "activities_readable"),
        writable=_sel("activities", "activities_writable"),
        owner="unit",
    ),
    # -- villages' digital technology teams --------------------------------------------------------
    **{
        label: ModelRule(
            grants={OWNER: MANAGE, REPORTER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
            readable=_sel("villages", readable),
            writable=_sel("villages", writable),
            owner="village",
        )
        for label, readable, writable in (
            ("villages.TeamMember", "members_readable", "members_writable"),
            ("villages.SupportVisit", "visits_readable", "visits_writable"),
            ("villages.HouseholdSnapshot", "snapshots_readable", "snapshots_writable"),
        )
    },
    "villages.Platform": ModelRule(
        grants={OWNER: MANAGE, REPORTER: VIEW, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("villages", "platforms_readable"),
        writable=_sel("villages", "platforms_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    # -- learning ----------------------------------------------------------------------------------
    "learning.Course": ModelRule(
        grants={OWNER: MANAGE, REPORTER: VIEW, LEADER: VIEW, PROVINCE: VIEW, EDITOR: VIEW},
        readable=_sel("learning", "courses_readable"),
        writable=_sel("learning", "courses_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "learning.Enrolment": ModelRule(
        grants={OWNER: MANAGE, REPORTER: MANAGE, LEADER: VIEW, PROVINCE: VIEW, EDITOR: VIEW},
        readable=_sel("learning", "enrolments_readable"),
        writable=_sel("learning", "enrolments_writable"),
        owner="learner__unit",
    ),
    # -- commendations -----------------------------------------------------------------------------
    "honours.Proposal": ModelRule(
        grants={OWNER: MANAGE, REPORTER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("honours", "proposals_readable"),
        writable=_sel("honours", "proposals_writable"),
        owner="unit",
    ),
    # -- publishing channels -----------------------------------------------------------------------
    "channels.ChannelAccount": ModelRule(
        grants={OWNER: MANAGE, EDITOR: VIEW, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("channels", "accounts_readable"),
        writable=_sel("channels", "accounts_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "channels.VillageGroup": ModelRule(
        grants={OWNER: MANAGE, EDITOR: VIEW},
        readable=_sel("channels", "village_groups_readable"),
        writable=_sel("channels", "village_groups_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "channels.Publication": ModelRule(
        grants={OWNER: MANAGE, EDITOR: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("channels", "publications_readable"),
        writable=_sel("channels", "publications_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "channels.Delivery": ModelRule(
        grants={OWNER: VIEW, EDITOR: VIEW, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("channels", "deliveries_readable"),
        writable=_sel("channels", "deliveries_writable"),
        owner="publication__commune",
        owner_level=Reach.COMMUNE,
    ),
    "channels.BroadcastAudio": ModelRule(
        grants={OWNER: MANAGE, EDITOR: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("channels", "broadcast_audio_readable"),
        writable=_sel("channels", "broadcast_audio_writable"),
        owner="publication__commune",
        owner_level=Reach.COMMUNE,
    ),
    "channels.BroadcastSlot": ModelRule(
        grants={OWNER: MANAGE, EDITOR: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("channels", "broadcast_slots_readable"),
        writable=_sel("channels", "broadcast_slots_writable"),
        owner="audio__publication__commune",
        owner_level=Reach.COMMUNE,
    ),
    # -- the reading dictionary of the loudspeakers (shared entries: operators only) ------------------
    "vi.Abbreviation": ModelRule(
        grants={OWNER: MANAGE, EDITOR: MANAGE, LEADER: VIEW},
        readable=_sel("vi", "abbreviations_readable"),
        writable=_sel("vi", "abbreviations_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    # -- the portal's audiences (shared entries: operators only) -----------------------------------
    "portal.Audience": ModelRule(
        grants={OWNER: MANAGE, EDITOR: VIEW},
        readable=_sel("portal", "audiences_readable"),
        writable=_sel("portal", "audiences_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    # -- schools and enterprises -------------------------------------------------------------------
    **{
        label: ModelRule(
            grants={OWNER: MANAGE, REPORTER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
            readable=_sel("outreach", readable),
            writable=_sel("outreach", writable),
            owner="unit",
        )
        for label, readable, writable in (
            ("outreach.Club", "clubs_readable", "clubs_writable"),
            ("outreach.ClubSession", "club_sessions_readable", "club_sessions_writable"),
            ("outreach.SchoolEvent", "school_events_readable", "school_events_writable"),
            ("outreach.EnterpriseSession", "enterprise_sessions_readable", "enterprise_sessions_writable"),
            ("outreach.Showcase", "showcases_readable", "showcases_writable"),
        )
    },
    # -- funding: the commune's, kept by the Culture–Social office ---------------------------------
    "funding.BudgetLine": ModelRule(
        grants={OWNER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("funding", "budget_lines_readable"),
        writable=_sel("funding", "budget_lines_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "funding.Spending": ModelRule(
        grants={OWNER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("funding", "spendings_readable"),
        writable=_sel("funding", "spendings_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    # -- reporting: model rights only open the screens; the workflow decides each action ------------
    "reporting.ReportingPeriod": ModelRule(
        grants={OWNER: VIEW | {"add"}, LEADER: VIEW, REPORTER: VIEW, PROVINCE: VIEW},
        readable=_sel("reporting", "periods_readable"),
        writable=_sel("reporting", "periods_managed"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "reporting.UnitReport": ModelRule(
        grants={OWNER: VIEW | {"change"}, LEADER: VIEW, REPORTER: VIEW | {"change"}, PROVINCE: VIEW},
        readable=_sel("reporting", "reports_readable"),
        writable=_sel("reporting", "reports_writable"),
        owner="unit",
    ),
    "reporting.ReportingCalendar": ModelRule(
        grants={PROVINCE: VIEW},
        readable=_sel("reporting", "calendars_readable"),
        writable=_sel("reporting", "calendars_writable"),
        owner="province",
        owner_level=Reach.PROVINCE,
    ),
    # -- the audit trail: read by those who answer for a commune; written by xaso.audit only ---------
    "audit.AuditEntry": ModelRule(
        grants={OWNER: VIEW, LEADER: VIEW, PROVINCE: VIEW},
        readable="xaso.audit.selectors.audit_entries_readable",
        writable="xaso.audit.selectors.audit_entries_writable",
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    # -- a plan read from its document: the programme owner corrects and confirms it ---------------
    "intake.PlanDraft": ModelRule(
        grants={OWNER: MANAGE, LEADER: VIEW, PROVINCE: VIEW},
        readable=_sel("intake", "drafts_readable"),
        writable=_sel("intake", "drafts_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    # -- bringing communes on board: the province's administrators; its viewers follow ------------
    "onboarding.OnboardedCommune": ModelRule(
        grants={PROVINCE: VIEW, PROVINCE_ADMIN: VIEW | {"add"}},
        readable=_sel("onboarding", "onboarded_communes_readable"),
        writable=_sel("onboarding", "onboarded_communes_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "onboarding.RosterImport": ModelRule(
        grants={PROVINCE: VIEW, PROVINCE_ADMIN: VIEW | {"add"}},
        readable=_sel("onboarding", "roster_imports_readable"),
        writable=_sel("onboarding", "roster_imports_writable"),
        owner="commune",
        owner_level=Reach.COMMUNE,
    ),
    "onboarding.SetupLink": ModelRule(
        grants={PROVINCE_ADMIN: EDIT},
        readable=_sel("onboarding", "setup_links_readable"),
        writable=_sel("onboarding", "setup_links_writable"),
        owner="unit",
    ),
    # -- generated documents: everyone sees those of the units they read; asking is checked per unit --
    "documents.RenderJob": ModelRule(
        grants=dict.fromkeys(Role, VIEW) | {OWNER: VIEW | {"add"}, LEADER: VIEW | {"add"}},
        readable=_sel("documents", "render_jobs_readable"),
        writable=_sel("documents", "render_jobs_readable"),
        owner="unit",
    ),
}

# Uploaded files that only the readers of their row may download (xaso/access/files.py).
FILES: dict[str, FileRule] = {
    "activities.Evidence": FileRule(field="file", row="activity_id", model="activities.Activity"),
    "honours.ProposalEvidence": FileRule(field="file", row="proposal_id", model="honours.Proposal"),
    **{
        label: FileRule(field="evidence", row="", model=label)
        for label in (
            "outreach.ClubSession",
            "outreach.SchoolEvent",
            "outreach.EnterpriseSession",
            "outreach.Showcase",
            "villages.SupportVisit",
        )
    },
}

# Roles that may work on a commune's e-information page (Wagtail pages, pictures, files):
# page and collection rights come from the commune's Wagtail groups (xaso/portal/access.py).
PORTAL = (OWNER, EDITOR, LEADER)

VIEWS: dict[str, ViewRule] = {
    # -- public: the portal, learning, the plan, feeds, files meant for everyone -------------------
    "wagtail_serve": public("trang thông tin điện tử xã"),
    "wagtailcore_authenticate_with_password": public(),
    "wagtailcore_login": public(),
    "wagtaildocs_serve": public("tệp đính kèm trang; tệp chưa đăng chỉ người có quyền tải (portal.documents)"),
    "wagtaildocs_authenticate_with_password": public(),
    "portal:*": public("tìm kiếm, sơ đồ trang, đếm lượt đọc"),
    "plans:*": public("kế hoạch đã ban hành"),
    "learning:*": public("Bình dân học vụ số, xác minh giấy chứng nhận"),
    "channels_broadcast_*": public("lịch phát cho thiết bị truyền thanh: chỉ bản tin đã duyệt"),
    "media_public": public("ảnh và tệp công khai (xaso.access.files.media_public)"),
    "protected_file": signed_in("tệp minh chứng: người đọc được bản ghi (xaso.access.files)"),
    "wagtailadmin_login": public(),
    "wagtailadmin_logout": public(),
    "wagtailadmin_password_reset*": public(),
    "wagtailadmin_sprite": public(),
    "wagtailadmin_javascript_catalog": public(),
    "route:quan-tri/.*/$": public("trang không tồn tại trong trang quản trị (404)"),
    "route:quan-tri/test404/": superuser(),
    # -- Wagtail admin, general --------------------------------------------------------------------
    "wagtailadmin_home": any_role(),
    "wagtailadmin_account": any_role(),
    "wagtailadmin_dismissibles": any_role(),
    "wagtailadmin_block_preview": any_role(),
    "wagtailadmin_editing_sessions:*": any_role("Wagtail kiểm tra quyền sửa đối tượng"),
    "wagtailadmin_error_test": superuser(),
    "wagtailsnippets:index": any_role("chỉ liệt kê loại dữ liệu người xem được"),
    "wagtail_bulk_action": any_role("chỉ các mục trong phạm vi (xaso.access.bulk)"),
    "wagtailadmin_choose_page_external_link": any_role(),
    "wagtailadmin_choose_page_email_link": any_role(),
    "wagtailadmin_choose_page_phone_link": any_role(),
    "wagtailadmin_choose_page_anchor_link": any_role(),
    # -- Wagtail admin: the portal's pages, pictures and files -------------------------------------
    "wagtailadmin_api:pages:*": roles(*PORTAL, why="chỉ trang trong cây của xã mình").with_rows(pk=PAGES),
    # The admin API's pictures and files listings are not used by the back office's screens.
    "wagtailadmin_api:images:*": superuser(),
    "wagtailadmin_api:documents:*": superuser(),
    "wagtailadmin_explore*": roles(*PORTAL).with_rows(parent_page_id=PAGES),
    "wagtailadmin_pages:*": roles(*PORTAL, why="quyền trang theo nhóm của từng xã").with_rows(
        page_id=PAGES, parent_page_id=PAGES, page_to_move_id=PAGES, destination_id=PAGES, pk=PAGES
    ),
    "wagtailadmin_choose_page*": roles(*PORTAL, why="chỉ trang của xã mình").with_rows(parent_page_id=PAGES),
    "wagtailadmin_tag_*": roles(*PORTAL),
    "wagtaildocs:*": roles(*PORTAL, why="quyền theo bộ sưu tập của từng xã"),
    "wagtaildocs_chooser:*": roles(*PORTAL),
    "wagtailimages:*": roles(*PORTAL, why="quyền theo bộ sưu tập của từng xã"),
    "wagtailimages_chooser:*": roles(*PORTAL),
    "wagtailembeds:*": roles(*PORTAL),
    # -- Wagtail admin: the platform's operators only ----------------------------------------------
    "wagtailadmin_collections:*": superuser(),
    "wagtailadmin_workflows:*": superuser(),
    "wagtailadmin_reports:*": superuser("nhật ký theo xã: xaso.audit"),
    "wagtailforms:*": superuser(),
    "wagtailredirects:*": superuser(),
    "wagtailsettings:*": superuser(),
    "wagtailsites:*": superuser(),
    "wagtailusers_users:*": superuser(),
    "wagtailusers_groups:*": superuser(),
    # -- Xã số's own back-office screens -----------------------------------------------------------
    "plans_import_export": any_role(),
    "plans_export": any_role(),
    "activities_import": roles(OWNER, REPORTER),
    "activities_template": roles(OWNER, REPORTER),
    "indicators_dashboard": any_role(),
    "indicators_export": any_role(),
    "indicators_detail": any_role(),
    "indicators_province": roles(PROVINCE),
    "indicators_province_export": roles(PROVINCE),
    "documents_render_jobs": any_role(),
    "documents:*": signed_in("chỉ văn bản của đơn vị người đó đọc được"),
    "channels_page_panel": roles(OWNER, EDITOR, LEADER, PROVINCE),
    "channels_audio_progress": roles(OWNER, EDITOR, LEADER, PROVINCE),
    "villages_*": any_role(),
    "learning_learners": any_role(),
    "learning_slips": roles(OWNER, REPORTER),
    "learning_enrol_unit": roles(OWNER, REPORTER),
    "learning_certificate": any_role(),
    "honours_process": roles(OWNER, REPORTER, LEADER, PROVINCE),
    "notifications_*": signed_in("chỉ thông báo của chính người đó"),
    "reporting_home": any_role(),
    "reporting_period": any_role(),
    "reporting_report": any_role(),
    "reporting_open": roles(OWNER),
    "reporting_province": roles(PROVINCE),
    "outreach_showcase_article": roles(OWNER, REPORTER),
    "funding_summary": roles(OWNER, LEADER, PROVINCE),
    "reviews_request": roles(OWNER, LEADER),
    "audit_log": roles(OWNER, LEADER, PROVINCE, why="chỉ các xã người đó chịu trách nhiệm"),
    # -- log-in (xaso/signin) ----------------------------------------------------------------------
    "signin_otp_*": signed_in("bước xác thực thứ hai của chính người đó"),
    "signin_backup_codes": signed_in("mã dự phòng của chính người đó"),
    "signin_logins": roles(OWNER, LEADER, PROVINCE, why="chỉ người của xã, của tỉnh mình (xaso.signin.selectors)"),
    "signin_lockouts": superuser("mở khóa đăng nhập"),
    # -- a plan from its document (ids: intake.PlanDraft's UUID) ----------------------------------
    "intake_drafts": roles(OWNER, LEADER, PROVINCE, why="tải lên: chỉ chủ trì chương trình của xã"),
    "intake_draft": roles(OWNER, LEADER, PROVINCE, why="chỉ bản nháp của xã người đó đọc được"),
    "intake_draft_status": roles(OWNER, LEADER, PROVINCE),
    "intake_draft_source": roles(OWNER, LEADER, PROVINCE),
    "intake_draft_edit": roles(OWNER, why="chỉ chủ trì chương trình của xã có bản nháp"),
    "intake_draft_units": roles(OWNER),
    "intake_draft_confirm": roles(OWNER),
    # -- bringing communes on board (ids: the commune's units.OrgUnit pk) ------------------------------
    "onboarding_province": roles(PROVINCE, why="các xã của tỉnh người đó theo dõi"),
    "onboarding_commune_new": roles(PROVINCE_ADMIN),
    "onboarding_commune": roles(PROVINCE_ADMIN, why="chỉ xã thuộc tỉnh người đó quản trị"),
    "onboarding_template": roles(PROVINCE_ADMIN),
    "onboarding_sheet": roles(PROVINCE_ADMIN),
    "onboarding:*": public("đặt mật khẩu bằng đường dẫn dùng một lần (mã bí mật, không phải mã bản ghi)"),
}

# A province's administrator reads whatever its viewers read, and reaches every screen they reach.
for _label, _rule in MODELS.items():
    if PROVINCE in _rule.grants and PROVINCE_ADMIN not in _rule.grants:
        MODELS[_label] = replace(_rule, grants={**_rule.grants, PROVINCE_ADMIN: _rule.grants[PROVINCE]})
for _key, _view in VIEWS.items():
    if PROVINCE in _view.roles:
        VIEWS[_key] = replace(_view, roles=_view.roles | {PROVINCE_ADMIN})

# The snippet screens and choosers of each model follow the model's grants and rows.
for _label in MODELS:
    _app, _model = _label.lower().split(".")
    VIEWS[f"wagtailsnippets_{_app}_{_model}:*"] = model_views(_label)
    VIEWS[f"wagtailsnippetchoosers_{_app}_{_model}:*"] = model_views(_label)
