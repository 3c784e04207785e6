"""The project's addresses plus /bench-bare/: a bare Django view returning a small page (the baseline)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from xaso.urls import urlpatterns as project_urlpatterns

SMALL_PAGE = "<!doctype html><html lang=vi><meta charset=utf-8><title>Xin chào</title><p>Xin chào bà con.</p></html>"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(SMALL_PAGE)


urlpatterns = [path("bench-bare/", bare, name="bench_bare"), *project_urlpatterns]


# The access policy answers 404 for an undeclared address: declare the baseline as public.
from xaso.access.policy import VIEWS  # noqa: E402
from xaso.access.rules import public  # noqa: E402

VIEWS.setdefault("bench_bare", public("vòng so sánh của bench/"))
