from django.urls import include, path
from django.views.i18n import set_language

from akun.views import healthz

urlpatterns = [
    path("", include("akun.urls")),
    path("healthz", healthz, name="healthz"),
    path("bahasa/", set_language, name="set_language"),
    path("klien/", include("klien.urls")),
    path("pokmas/", include("pokmas.urls")),
    path("pembimbingan/", include("pembimbingan.urls")),
    path("pengawasan/", include("pengawasan.urls")),
    path("kerja-sosial/", include("kerjasosial.urls")),
    path("laporan/", include("laporan.urls")),
    path("jejak/", include("jejak.urls")),
    path("pekerjaan/", include("pekerjaan.urls")),
]

handler400 = "bapas.errors.bad_request"
handler403 = "bapas.errors.permission_denied"
handler404 = "bapas.errors.page_not_found"
handler500 = "bapas.errors.server_error"
