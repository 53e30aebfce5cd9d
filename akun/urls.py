from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "akun"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
]
