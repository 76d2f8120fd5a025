"""This app's resources under /api/v1/ (the name is fixed by DESIGN.md section 7)."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("health-links", api.HealthLinkViewSet, basename="health-link")

urlpatterns = router.urls
