from django.urls import path

from . import ekspor, privasi, templat_impor, views, views_lembaga, views_pencabutan

app_name = "klien"
urlpatterns = [
    path("beban-kasus/", views.caseload, name="caseload"),
    path("", views.klien_list, name="klien-list"),
    path("ekspor.csv", ekspor.klien_ekspor, name="klien-ekspor"),
    path("ekspor.xlsx", ekspor.klien_ekspor, {"format": "xlsx"}, name="klien-ekspor-xlsx"),
    path("baru/", views.klien_create, name="klien-create"),
    path("impor/", views.klien_impor_view, name="klien-impor"),
    path("lembaga/", views_lembaga.lembaga_list, name="lembaga-list"),
    path("lembaga/baru/", views_lembaga.lembaga_create, name="lembaga-create"),
    path("lembaga/<int:pk>/ubah/", views_lembaga.lembaga_update, name="lembaga-update"),
    path("impor/templat.xlsx", templat_impor.templat_xlsx, name="klien-impor-templat-xlsx"),
    path("impor/templat.csv", templat_impor.templat_csv, name="klien-impor-templat-csv"),
    path("<int:pk>/", views.klien_detail, name="klien-detail"),
    path("<int:pk>/ubah/", views.klien_update, name="klien-update"),
    path("<int:pk>/status/", views.klien_status, name="klien-status"),
    path("<int:pk>/alihkan/", views.klien_alihkan, name="klien-alihkan"),
    path("<int:pk>/residivisme/", views.residivisme_create, name="residivisme-create"),
    path("<int:pk>/indikator/", views.indikator_create, name="indikator-create"),
    path("<int:pk>/data-subjek/", privasi.data_subjek_view, name="data-subjek"),
    path("<int:pk>/tahan-hukum/", privasi.tahan_hukum_view, name="tahan-hukum"),
    path(
        "<int:pk>/akhiri-ekspirasi/",
        views_pencabutan.klien_akhiri_ekspirasi,
        name="klien-akhiri-ekspirasi",
    ),
    # revocation, as a proposal moved step by step
    path("<int:pk>/usulkan-pencabutan/", views_pencabutan.usulan_create, name="usulan-create"),
    path("pencabutan/", views_pencabutan.usulan_list, name="usulan-list"),
    path("pencabutan/<int:pk>/", views_pencabutan.usulan_detail, name="usulan-detail"),
    path("pencabutan/<int:pk>/sidang-tpp/", views_pencabutan.usulan_tpp, name="usulan-tpp"),
    path(
        "pencabutan/<int:pk>/keputusan/", views_pencabutan.usulan_putuskan, name="usulan-putuskan"
    ),
    path("pencabutan/<int:pk>/sk/", views_pencabutan.usulan_sk, name="usulan-sk"),
    path("pencabutan/<int:pk>/pulihkan/", views_pencabutan.usulan_pulihkan, name="usulan-pulihkan"),
    path("pencabutan/<int:pk>/tarik/", views_pencabutan.usulan_tarik, name="usulan-tarik"),
]
