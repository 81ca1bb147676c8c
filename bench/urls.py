from django.urls import path

from bench import views

app_name = "bench"
urlpatterns = [path("insert/", views.insert_row, name="insert_row")]
