"""This app's resources under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("reminders", api.ReminderViewSet, basename="reminder")
router.register("notifications", api.NotificationViewSet, basename="notification")

urlpatterns = router.urls
