"""The article editing form (kept apart from the upload forms: page models import it,
and Wagtail's image and document form modules must not load while models do)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from xaso.units.models import OrgUnit


class ArticlePageForm(WagtailAdminPageForm):
    """Limits the article's unit to the units of the commune whose portal it is on."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from xaso.portal.selectors import commune_of_page, units_for_articles

        parent = self.parent_page
        commune = commune_of_page(page=parent) if parent is not None else None
        if "unit" in self.fields:
            self.fields["unit"].queryset = units_for_articles(commune=commune)
            if not self.instance.pk and not self.initial.get("unit"):
                self.initial["unit"] = _default_unit(user=self.for_user, commune=commune)


def _default_unit(*, user: Any, commune: OrgUnit | None) -> int | None:
    if user is None or commune is None:
        return None
    membership = user.memberships.filter(unit__commune=commune).order_by("pk").first()
    return membership.unit_id if membership else None
