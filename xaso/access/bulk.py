"""Wagtail's bulk actions (delete, move, publish… of ticked rows), limited to what the person reaches.

Wagtail's confirmation page looked up every `id` given in the address and printed the title
of each, permitted or not. Here the ids are first cut down to the rows the person may read
(the model's declared selector, the pages of their commune's portal, the pictures and files of
their commune's collections); what is left goes to Wagtail's own dispatcher."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from wagtail.admin.views.bulk_action.dispatcher import index as wagtail_bulk_dispatch
from wagtail.models import Page
from wagtail.permissions import policy_registry

from xaso.access.choosers import valid_pks
from xaso.access.pages import pages_reachable
from xaso.access.policy import MODELS


def rows_reachable(*, model: type[Model], user: Any) -> QuerySet[Any] | None:
    """The rows of `model` a bulk action may touch for `user`, or None when it may touch none."""
    if user.is_superuser:
        return model._default_manager.all()
    label = model._meta.label
    if label in MODELS:
        return MODELS[label].readable_rows(user=user)
    if issubclass(model, Page):
        return pages_reachable(user=user).exclude(depth=1)
    policy = policy_registry.get_by_type(model)
    if model._meta.app_label in ("wagtailimages", "wagtaildocs") and policy is not None:
        return policy.instances_user_has_any_permission_for(user, ["change", "delete"])
    return None


def scoped_bulk_action(request: HttpRequest, app_label: str, model_name: str, action: str) -> HttpResponse:
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    reachable = rows_reachable(model=model, user=request.user)
    if reachable is None:
        raise Http404
    ids = request.GET.getlist("id")
    if "all" in ids:
        # "Every row of the listing": of the person's rows, those under the listed parent page.
        chosen = reachable
        if issubclass(model, Page):
            parents = valid_pks(Page, [request.GET.get("childOf", "")])
            parent = Page.objects.filter(pk=parents[0]).first() if parents else None
            if parent is not None:
                chosen = chosen.filter(pk__in=parent.get_children().values("pk"))
    else:
        chosen = reachable.filter(pk__in=valid_pks(model, ids))
    pks = [str(pk) for pk in chosen.values_list("pk", flat=True).distinct()]
    if not pks:
        raise Http404
    query = request.GET.copy()
    query.setlist("id", pks)
    query.pop("childOf", None)
    request.GET = QueryDict(query.urlencode())
    request.META["QUERY_STRING"] = request.GET.urlencode()
    return wagtail_bulk_dispatch(request, app_label, model_name, action)
