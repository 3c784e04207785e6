from django.urls import path

from xaso.operations import views

app_name = "operations"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("_xaso/the-he-trang", views.page_generation, name="page_generation"),
]
