from django.urls import path

from . import api

urlpatterns = [
    path("export/", api.ExportView.as_view(), name="api-export"),
    path("import/", api.ImportView.as_view(), name="api-import"),
]
