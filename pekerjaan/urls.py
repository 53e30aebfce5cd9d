from django.urls import path

from . import views

app_name = "pekerjaan"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/status/", views.status, name="status"),
    path("<uuid:pk>/unduh/", views.unduh, name="unduh"),
]
