from django.urls import path

from . import views

app_name = "pokmas"
urlpatterns = [
    path("mitra/", views.mitra_list, name="mitra-list"),
]
