from django.urls import path

from . import views

app_name = "laporan"
urlpatterns = [
    path("dasbor/", views.dashboard, name="dashboard"),
    path(
        "dasbor/ekspor/<slug:tabel>.<str:format>",
        views.dashboard_ekspor,
        name="dashboard-ekspor",
    ),
    path("kehadiran/", views.kehadiran_list, name="kehadiran-list"),
    path("ringkasan-wilayah/", views.ringkasan_wilayah, name="ringkasan-wilayah"),
]
