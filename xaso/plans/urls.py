from django.urls import path

from xaso.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_current, name="current"),
    path("<int:pk>/", views.plan_detail, name="detail"),
]
