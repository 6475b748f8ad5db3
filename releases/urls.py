from django.urls import path

from releases import views

app_name = "releases"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("<int:number>/", views.release_detail, name="detail"),
    path("<int:number>/cite.bib", views.release_bibtex, name="bibtex"),
    path("<int:number>/<str:path>", views.release_file, name="file"),
]
