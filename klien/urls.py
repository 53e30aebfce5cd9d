from django.urls import path

from . import views

app_name = "klien"
urlpatterns = [
    path("beban-kasus/", views.caseload, name="caseload"),
    path("", views.klien_list, name="klien-list"),
]
