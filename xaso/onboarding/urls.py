from django.urls import path

from xaso.onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("<str:token>/", views.setup, name="setup"),
]
