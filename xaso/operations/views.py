from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from xaso.operations.health import health_report
from xaso.portal.pagecache import current_generation


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, body = health_report()
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
def page_generation(request: HttpRequest) -> JsonResponse:
    """The portal cache's generation, which nginx puts in its front cache's key (deploy/nginx):
    publishing changes it, so every page nginx kept is stale at once. Random, says nothing."""
    generation = current_generation()
    response = JsonResponse({"generation": generation})
    response["X-Xaso-Generation"] = generation
    return response
