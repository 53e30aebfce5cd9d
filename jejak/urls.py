from django.urls import path

from . import views

app_name = "jejak"
urlpatterns = [
    path("", views.cari, name="cari"),
    path("ekspor.csv", views.ekspor, name="ekspor"),
]
