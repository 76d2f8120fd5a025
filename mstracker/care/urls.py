from django.urls import path

from . import views

app_name = "care"

urlpatterns = [
    path("", views.CareTeamView.as_view(), name="team"),
    path("shares/<int:pk>/", views.ShareView.as_view(), name="share"),
    path("shares/<int:pk>/revoke/", views.RevokeView.as_view(), name="revoke"),
    path("shares/<int:pk>/new-code/", views.NewCodeView.as_view(), name="new_code"),
    path("visit-note/", views.VisitNoteView.as_view(), name="visit_note"),
    path("access-log/", views.AccessLogView.as_view(), name="access_log"),
    path("accept/", views.AcceptView.as_view(), name="accept"),
    path("invitations/<str:token>/", views.InvitationView.as_view(), name="invitation"),
]
