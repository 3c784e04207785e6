"""The project's addresses plus /bench-bare/: a bare Django view returning a small page (the baseline)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from xaso.urls import urlpatterns as project_urlpatterns

SMALL_PAGE = "<!doctype html><html lang=vi><meta charset=utf-8><title>Xin chào</title><p>Xin chào bà con.</p></html>"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(SMALL_PAGE)


urlpatterns = [path("bench-bare/", bare), *project_urlpatterns]
