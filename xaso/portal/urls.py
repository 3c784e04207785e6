from django.urls import path

from xaso.portal import views

app_name = "portal"
urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
]
