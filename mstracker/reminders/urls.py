from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("reminders/", views.ReminderListView.as_view(), name="settings"),
    path("reminders/<int:pk>/", views.ReminderUpdateView.as_view(), name="edit"),
    path("reminders/<int:pk>/toggle/", views.ReminderToggleView.as_view(), name="toggle"),
    path("reminders/<int:pk>/test/", views.ReminderTestView.as_view(), name="test"),
    path("reminders/dose/<str:token>/", views.dose_taken, name="dose_taken"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/", views.InboxView.as_view(), name="inbox"),
    path("notifications/<int:pk>/read/", views.NotificationReadView.as_view(), name="read"),
    path("notifications/read-all/", views.NotificationReadAllView.as_view(), name="read_all"),
]
