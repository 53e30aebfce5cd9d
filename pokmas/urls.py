from django.urls import path

from . import views

app_name = "pokmas"
urlpatterns = [
    path("mitra/", views.mitra_list, name="mitra-list"),
    path("mitra/baru/", views.mitra_create, name="mitra-create"),
    path("mitra/komposisi/", views.komposisi, name="komposisi"),
    path("mitra/<int:pk>/", views.mitra_detail, name="mitra-detail"),
    path("mitra/<int:pk>/ubah/", views.mitra_update, name="mitra-update"),
    path("mitra/<int:pk>/status/", views.mitra_status, name="mitra-status"),
    path("mitra/<int:mitra_pk>/pks/baru/", views.pks_create, name="pks-create"),
    path("pks/<int:pk>/dokumen/", views.pks_dokumen, name="pks-dokumen"),
]
