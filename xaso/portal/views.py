"""Public views of the portal outside the page tree: search, sitemap, the readers' beacon."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site

from xaso.portal.pagecache import page_cached
from xaso.portal.reach import reader_count
from xaso.portal.search import portal_search
from xaso.portal.selectors import home_of_page, portal_chrome
from xaso.portal.share import share_jpeg

RESULTS_PER_PAGE = 10
QUERY_MAX = 200


# A transparent 1×1 GIF: the answer to the beacon's <img> when the browser runs no script.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


@page_cached
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


@page_cached
def sitemap(request: HttpRequest) -> HttpResponse:
    """Every live, public page of the site the request is for (wagtail.contrib.sitemaps)."""
    response: HttpResponse = wagtail_sitemap(request)
    return response


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def reach(request: HttpRequest, article_id: int) -> HttpResponse:
    """The beacon of an article page: counts the reader (xaso.portal.reach), reads and sets no cookie."""
    reader_count(
        article_id=article_id,
        ip=request.META.get(settings.READER_IP_HEADER, "").split(",")[0].strip(),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:512],
    )
    if request.method == "POST":
        return HttpResponse(status=204)
    return HttpResponse(PIXEL, content_type="image/gif")


# Facebook and Zalo fetch the picture again now and then; a week is plenty (its address changes with
# each publication of the page).
SHARE_MAX_AGE = 7 * 24 * 3600


@require_http_methods(["GET", "HEAD"])
def share_image(request: HttpRequest, page_id: int) -> HttpResponse:
    """The 1200×630 picture a shared link of a live, public page shows (xaso.portal.share)."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None:
        raise Http404("Không có trang này.")
    home = home_of_page(page=page)
    cover = getattr(page, "cover", None)
    title, site_name = getattr(page, "seo_title", "") or page.title, home.title if home is not None else ""
    if cover is not None:
        with cover.file.open("rb") as picture:
            data = share_jpeg(title=title, site_name=site_name, cover_file=picture)
    else:
        data = share_jpeg(title=title, site_name=site_name, cover_file=None)
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = f"public, max-age={SHARE_MAX_AGE}"
    return response
