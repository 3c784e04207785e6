from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from xaso.access.bulk import scoped_bulk_action
from xaso.access.files import media_public, protected_file
from xaso.access.tags import scoped_tag_autocomplete

urlpatterns: list[URLPattern | URLResolver] = [
    # Before Wagtail's own: the ids of a bulk action are first cut down to the person's rows.
    path(
        "quan-tri/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        scoped_bulk_action,
        name="wagtail_bulk_action",
    ),
    # Before Wagtail's own: only the tags of the person's pictures and files.
    path("quan-tri/tag-autocomplete/", scoped_tag_autocomplete, name="wagtailadmin_tag_autocomplete"),
    path(
        "quan-tri/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        scoped_tag_autocomplete,
        name="wagtailadmin_tag_model_autocomplete",
    ),
    path("quan-tri/", include(wagtailadmin_urls)),
    path("tep/<path:name>", protected_file, name="protected_file"),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("ke-hoach/", include("xaso.plans.urls")),
    path("van-ban/", include("xaso.documents.urls")),
    path("truyen-thanh/", include("xaso.channels.urls")),
    path("thiet-lap/", include("xaso.onboarding.urls")),
    path("", include("xaso.learning.urls")),
    # The portal's own addresses (search, …); its pages are in Wagtail's tree below.
    path("", include("xaso.portal.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", media_public, name="media_public"),
    ]

# Wagtail's page tree serves everything else (the commune's e-information page).
urlpatterns += [path("", include(wagtail_urls))]
