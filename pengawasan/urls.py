from django.urls import path

from . import views

app_name = "pengawasan"

urlpatterns = [
    path("", views.pantau, name="pantau"),
    path("klien/<int:pk>/putusan/", views.pengawasan_create, name="pengawasan-create"),
    path("klien/<int:pk>/syarat/", views.syarat_create, name="syarat-create"),
    path("klien/<int:pk>/pertimbangan/", views.pertimbangan_create, name="pertimbangan-create"),
    path("syarat/<int:pk>/status/", views.syarat_status, name="syarat-status"),
    path("pertimbangan/<int:pk>/", views.pertimbangan_detail, name="pertimbangan-detail"),
    path("pertimbangan/<int:pk>/hasil/", views.pertimbangan_hasil, name="pertimbangan-hasil"),
]
