from django.urls import path

from xaso.documents import views

app_name = "documents"
urlpatterns = [
    path("<uuid:pk>/", views.render_job_status, name="status"),
    path("<uuid:pk>/<str:kind>/", views.render_job_file, name="file"),
]
