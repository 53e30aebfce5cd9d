from django.urls import path

from . import views

app_name = "laporan"
urlpatterns = [
    path("dasbor/", views.dashboard, name="dashboard"),
    path("ringkasan-wilayah/", views.ringkasan_wilayah, name="ringkasan-wilayah"),
]
