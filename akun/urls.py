from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .otp import views as otp_views
from .pengguna import views as pengguna_views
from .persetujuan import views as persetujuan_views

app_name = "akun"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("masuk/otp/", otp_views.otp_verifikasi, name="otp-verifikasi"),
    path("akun/keamanan/", otp_views.keamanan, name="keamanan"),
    path("akun/kata-sandi/", views.GantiKataSandiView.as_view(), name="kata-sandi"),
    path("akun/keamanan/otp/", otp_views.otp_daftar, name="otp-daftar"),
    path("akun/keamanan/otp/kode-cadangan/", otp_views.otp_kode_cadangan, name="otp-kode-cadangan"),
    path("akun/keamanan/otp/nonaktif/", otp_views.otp_nonaktif, name="otp-nonaktif"),
    path("akun/kantor/verifikasi/", otp_views.kantor_otp, name="kantor-otp"),
    path("akun/pengguna/", pengguna_views.pengguna_list, name="pengguna-list"),
    path("akun/pengguna/baru/", pengguna_views.pengguna_create, name="pengguna-create"),
    path("akun/pengguna/<int:pk>/", pengguna_views.pengguna_update, name="pengguna-update"),
    path(
        "akun/pengguna/<int:pk>/kata-sandi/",
        pengguna_views.pengguna_kata_sandi,
        name="pengguna-kata-sandi",
    ),
    path(
        "akun/pengguna/<int:pk>/reset-otp/",
        pengguna_views.pengguna_reset_otp,
        name="pengguna-reset-otp",
    ),
    path("akun/persetujuan/", persetujuan_views.permintaan_list, name="permintaan-list"),
    path(
        "akun/persetujuan/<int:pk>/putus/",
        persetujuan_views.permintaan_putus,
        name="permintaan-putus",
    ),
]
