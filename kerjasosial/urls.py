from django.urls import path

from . import views

app_name = "kerjasosial"

urlpatterns = [
    path("", views.klien_list, name="klien-list"),
]
