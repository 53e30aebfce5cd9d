from django.urls import path

from . import dokumen, views

app_name = "kerjasosial"

urlpatterns = [
    path("", views.klien_list, name="klien-list"),
    path("lokasi/", views.lokasi_list, name="lokasi-list"),
    path("lokasi/baru/", views.lokasi_create, name="lokasi-create"),
    path("lokasi/<int:pk>/ubah/", views.lokasi_update, name="lokasi-update"),
    path("lokasi/<int:pk>/kerja/", views.kerja_catat, name="kerja-catat"),
    path("klien/<int:pk>/putusan/", views.putusan, name="putusan"),
    path("klien/<int:pk>/laporan-jaksa.pdf", dokumen.laporan_jaksa, name="laporan-jaksa"),
    path("klien/<int:pk>/surat-keterangan.pdf", dokumen.sertifikat, name="sertifikat"),
]
