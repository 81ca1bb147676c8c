from django.urls import path

from forum import views

app_name = "jejak"

urlpatterns = [
    path("", views.jejak_lookup, name="lookup"),
    path("didengar/", views.jejak_heard, name="heard"),
    path("usulan/", views.proposal_list, name="proposals"),
]
