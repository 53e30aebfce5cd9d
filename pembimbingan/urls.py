from django.urls import path

from . import (
    views,
    views_kalender,
    views_langganan,
    views_lapor,
    views_pos,
    views_program,
    views_sesi,
)

app_name = "pembimbingan"
urlpatterns = [
    path("agenda/", views_lapor.agenda, name="agenda"),
    path("klien/<int:pk>/lapor/", views_lapor.lapor, name="lapor"),
    path("klien/<int:pk>/jadwal-lapor/", views_lapor.jadwal_lapor, name="jadwal-lapor"),
    path("kalender/", views_kalender.kalender, name="kalender"),
    path("langganan/", views_langganan.langganan, name="langganan"),
    path("ical/<str:kunci>.ics", views_langganan.ical, name="ical"),
    path("program/", views.program_list, name="program-list"),
    path("program/<int:pk>/", views.program_detail, name="program-detail"),
    path("program/baru/", views_program.program_create, name="program-create"),
    path("program/<int:pk>/ubah/", views_program.program_update, name="program-update"),
    path("program/<int:pk>/peserta/tambah/", views_program.peserta_tambah, name="peserta-tambah"),
    path("peserta/<int:pk>/akhiri/", views_program.peserta_akhiri, name="peserta-akhiri"),
    path("pos/", views_pos.pos_list, name="pos-list"),
    path("pos/baru/", views_pos.pos_create, name="pos-create"),
    path("pos/<int:pk>/", views_pos.pos_detail, name="pos-detail"),
    path("pos/<int:pk>/ubah/", views_pos.pos_update, name="pos-update"),
    path("pos/<int:pk>/hari/baru/", views_pos.hari_layanan_create, name="hari-layanan-create"),
    path("sesi/<int:pk>/pendaftaran/", views_pos.pendaftaran_pos, name="pendaftaran-pos"),
    path("sesi/baru/", views_sesi.sesi_create, name="sesi-create"),
    path("sesi/<int:pk>/", views.sesi_detail, name="sesi-detail"),
    path("sesi/<int:pk>/ubah/", views_sesi.sesi_update, name="sesi-update"),
    path("sesi/<int:pk>/kehadiran/", views.sesi_kehadiran, name="sesi-kehadiran"),
]
