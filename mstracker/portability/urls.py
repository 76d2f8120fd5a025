from django.urls import path

from . import views

app_name = "portability"

urlpatterns = [
    path("data/", views.your_data, name="your_data"),
    path("delete/", views.delete, name="delete"),
]
