from django.urls import path

from . import views, views_kalender

app_name = "pembimbingan"
urlpatterns = [
    path("kalender/", views_kalender.kalender, name="kalender"),
    path("program/", views.program_list, name="program-list"),
    path("program/<int:pk>/", views.program_detail, name="program-detail"),
    path("sesi/<int:pk>/", views.sesi_detail, name="sesi-detail"),
    path("sesi/<int:pk>/kehadiran/", views.sesi_kehadiran, name="sesi-kehadiran"),
]
