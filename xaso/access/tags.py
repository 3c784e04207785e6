"""Tags offered in the back office, limited to those of pictures and files the person reaches.

Wagtail's tag autocomplete offered every tag beginning with what was typed, and its picture
chooser and its picture and file listings offered the ten most used tags of all communes, so an
editor of one commune saw the words another had put on its pictures and files (a person's name,
a village's event). Tags here come only from the pictures and files of the collections the person
may use."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from taggit.models import Tag, TaggedItem
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

# Wagtail asks for these two verbs when it fills a tag field or a chooser.
USING = ["add", "change", "choose"]


def _items_reachable(*, user: Any, models: tuple[type[Any], ...]) -> QuerySet[TaggedItem]:
    """The tag links of the `models` rows `user` may use."""
    items = TaggedItem.objects.filter(content_type__in=[ContentType.objects.get_for_model(m) for m in models])
    if user is None or not user.is_active:
        return items.none()
    if user.is_superuser:
        return items
    used = Q(pk__in=[])
    for model in models:
        policy = policy_registry.get_by_type(model)
        if policy is None:
            continue
        reachable = policy.instances_user_has_any_permission_for(user, USING).values("pk")
        used |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=reachable)
    return items.filter(used)


def tags_reachable(*, user: Any, starting: str) -> list[str]:
    """The names of tags beginning with `starting` on pictures or files `user` may use, sorted."""
    if not starting:
        return []
    items = _items_reachable(user=user, models=(get_image_model(), get_document_model()))
    tags = Tag.objects.filter(name__istartswith=starting, pk__in=items.values("tag_id"))
    return list(tags.order_by("name").values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT])


def popular_tags_reachable(model: type[Any], count: int = 10) -> QuerySet[Tag]:
    """Wagtail's `popular_tags_for_model` for the person being served: the most used tags among the
    rows of `model` they may use. Wagtail calls it without the request, so the person is the one
    the audit context holds for this request."""
    from xaso.audit.recording import acting_user

    items = _items_reachable(user=acting_user(), models=(model,))
    return (
        Tag.objects.filter(pk__in=items.values("tag_id"))
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


def limit_popular_tags() -> None:
    """Put `popular_tags_reachable` where Wagtail's picture chooser and listing filters look it up."""
    import wagtail.admin.filters
    import wagtail.images.views.chooser

    wagtail.admin.filters.popular_tags_for_model = popular_tags_reachable
    wagtail.images.views.chooser.popular_tags_for_model = popular_tags_reachable


def scoped_tag_autocomplete(
    request: HttpRequest, app_name: str | None = None, model_name: str | None = None
) -> JsonResponse:
    # The project's only tags are taggit's, on pictures and files: another tag model is not offered.
    if (app_name, model_name) not in ((None, None), ("taggit", "tag")):
        raise Http404
    return JsonResponse(tags_reachable(user=request.user, starting=request.GET.get("term", "")), safe=False)
