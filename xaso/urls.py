from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("quan-tri/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("ke-hoach/", include("xaso.plans.urls")),
    path("van-ban/", include("xaso.documents.urls")),
    path("truyen-thanh/", include("xaso.channels.urls")),
    path("", include("xaso.learning.urls")),
    # The portal's own addresses (search, …); its pages are in Wagtail's tree below.
    path("", include("xaso.portal.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Wagtail's page tree serves everything else (the commune's e-information page).
urlpatterns += [path("", include(wagtail_urls))]
