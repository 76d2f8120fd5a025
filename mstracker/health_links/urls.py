from django.urls import path

from . import public, views

app_name = "health_links"

urlpatterns = [
    # The patient's pages.
    path("health-links/", views.LinksView.as_view(), name="list"),
    path("health-links/<int:pk>/", views.LinkView.as_view(), name="detail"),
    path("health-links/<int:pk>/revoke/", views.RevokeView.as_view(), name="revoke"),
    # The recipient's side: the viewer and the specification's bearer URLs.
    path("shl/", public.ViewerView.as_view(), name="viewer"),
    path("shl/manifests/<str:manifest_id>/", public.ManifestView.as_view(), name="manifest"),
    path("shl/files/<str:ticket>/", public.FileView.as_view(), name="file"),
]
