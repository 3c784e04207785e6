from django.urls import path

from xaso.channels.broadcast import views

urlpatterns = [
    path("<int:commune_id>/lich-phat.m3u", views.playlist, name="channels_broadcast_playlist"),
    path("<int:commune_id>/lich-phat.ics", views.calendar, name="channels_broadcast_calendar"),
    path("<int:commune_id>/xac-nhan-phat/", views.confirm, name="channels_broadcast_confirm"),
]
