"""Public views of the portal outside the page tree: search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Site

from xaso.portal.search import portal_search
from xaso.portal.selectors import portal_chrome

RESULTS_PER_PAGE = 10
QUERY_MAX = 200


def search(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Chưa có trang thông tin.")
    root = site.root_page.specific
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    results = portal_search(root=root, query=query)
    context = {
        **portal_chrome(page=root),
        "query": query,
        "results": results,
        "hits": Paginator(results.hits, RESULTS_PER_PAGE).get_page(request.GET.get("trang")),
    }
    return render(request, "portal/search.html", context)
