from django.urls import path

from xaso.portal import views

app_name = "portal"
urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("luot-doc/<int:article_id>/", views.reach, name="reach"),
    path("anh-chia-se/<int:page_id>.jpg", views.share_image, name="share_image"),
]
