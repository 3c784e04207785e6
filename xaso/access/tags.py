"""Wagtail's tag autocomplete, limited to the tags of pictures and files the person reaches.

Wagtail's own view offered every tag beginning with what was typed, so an editor of one commune
saw the words another commune had put on its pictures and files (a person's name, a village's
event). Tags here come only from the pictures and files of the collections the person may use."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpRequest, JsonResponse
from taggit.models import Tag, TaggedItem
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

# Wagtail asks for these two verbs when it fills a tag field or a chooser.
USING = ["add", "change", "choose"]


def tags_reachable(*, user: Any, starting: str) -> list[str]:
    """The names of tags beginning with `starting` on pictures or files `user` may use, sorted."""
    if not starting:
        return []
    tags = Tag.objects.filter(name__istartswith=starting)
    if not user.is_superuser:
        used = Q()
        for model in (get_image_model(), get_document_model()):
            policy = policy_registry.get_by_type(model)
            reachable = policy.instances_user_has_any_permission_for(user, USING).values("pk")
            used |= Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=reachable,
            )
        tags = tags.filter(pk__in=TaggedItem.objects.filter(used).values("tag_id"))
    return list(tags.order_by("name").values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT])


def scoped_tag_autocomplete(
    request: HttpRequest, app_name: str | None = None, model_name: str | None = None
) -> JsonResponse:
    # The project's only tags are taggit's, on pictures and files: another tag model is not offered.
    if (app_name, model_name) not in ((None, None), ("taggit", "tag")):
        raise Http404
    return JsonResponse(tags_reachable(user=request.user, starting=request.GET.get("term", "")), safe=False)
