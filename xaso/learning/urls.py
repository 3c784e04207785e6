"""Public pages of learning: the courses under /hoc/, certificate verification under /xac-minh/."""

from django.urls import path

from xaso.learning import views

app_name = "learning"

urlpatterns = [
    path("hoc/", views.index, name="index"),
    path("hoc/ma-hoc-vien/", views.code_enter, name="code_enter"),
    path("hoc/ma-hoc-vien/<str:code>/", views.code_link, name="code_link"),
    path("hoc/thoat/", views.forget, name="forget"),
    path("hoc/<slug:slug>/", views.course, name="course"),
    path("hoc/<slug:slug>/bai/<int:number>/", views.lesson, name="lesson"),
    path("hoc/<slug:slug>/bai/<int:number>/ket-qua/<int:attempt>/", views.result, name="result"),
    path("hoc/<slug:slug>/giay-chung-nhan.pdf", views.certificate, name="certificate"),
    path("xac-minh/", views.verify, name="verify"),
    path("xac-minh/<str:code>/", views.verify, name="verify_code"),
]
