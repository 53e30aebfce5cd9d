from django.urls import path

from . import views_kalender

app_name = "pembimbingan"
urlpatterns = [
    path("kalender/", views_kalender.kalender, name="kalender"),
]
