from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("<int:id>/", views.article_detail, name="detail"),
]
