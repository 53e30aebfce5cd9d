from django.urls import path

from . import views, views_bulanan, views_wilayah

app_name = "laporan"
urlpatterns = [
    path("dasbor/", views.dashboard, name="dashboard"),
    path(
        "dasbor/ekspor/<slug:tabel>.<str:format>",
        views.dashboard_ekspor,
        name="dashboard-ekspor",
    ),
    path("kehadiran/", views.kehadiran_list, name="kehadiran-list"),
    path("bulanan/", views_bulanan.bulanan, name="bulanan"),
    path("bulanan/pdf/", views_bulanan.bulanan_pdf, name="bulanan-pdf"),
    path("bulanan/xlsx/", views_bulanan.bulanan_xlsx, name="bulanan-xlsx"),
    path("ringkasan-wilayah/", views.ringkasan_wilayah, name="ringkasan-wilayah"),
    path("wilayah/", views_wilayah.wilayah, name="wilayah"),
    path(
        "wilayah/ekspor/<slug:tabel>.<str:format>",
        views_wilayah.wilayah_ekspor,
        name="wilayah-ekspor",
    ),
]
