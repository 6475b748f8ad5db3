from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("feed/", views.meeting_list_feed, name="list_feed"),
    path("export.csv", views.meeting_export, name="export"),
    path("<slug:slug>/", views.meeting_detail, name="detail"),
    path("<slug:slug>.json", views.meeting_json, name="json"),
    path("<slug:slug>/feed/", views.meeting_feed, name="feed"),
    path("<slug:slug>/v<int:version>/", views.meeting_version, name="version"),
]
