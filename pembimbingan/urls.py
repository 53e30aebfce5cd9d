app_name = "pembimbingan"
urlpatterns: list = []
