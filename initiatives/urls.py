from initiatives import views

app_name = "initiatives"

urlpatterns = views.PAGES.urls()
