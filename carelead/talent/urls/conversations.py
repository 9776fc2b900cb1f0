"""Routes: career conversations (Scope for Growth), under /talent/conversations/."""

from django.urls import path

from carelead.talent.views import conversations as views

urlpatterns = [
    path("conversations/", views.my_list, name="conversations"),
    path("conversations/start/", views.start, name="conversation_start"),
    path("conversations/held/", views.held_list, name="conversations_held"),
    path("conversations/organisation/", views.organisation, name="conversations_organisation"),
    path("conversations/<int:pk>/", views.detail, name="conversation_detail"),
    path("conversations/<int:pk>/reflection/", views.reflection, name="conversation_reflection"),
    path("conversations/<int:pk>/preparation/", views.preparation, name="conversation_preparation"),
    path("conversations/<int:pk>/held/", views.held, name="conversation_held"),
    path("conversations/<int:pk>/outcome/", views.outcome, name="conversation_outcome"),
    path("conversations/<int:pk>/cancel/", views.cancel, name="conversation_cancel"),
    path("conversations/<int:pk>/plan/add/", views.plan_add, name="conversation_plan_add"),
    path("conversations/plan/<int:pk>/", views.plan_edit, name="conversation_plan_edit"),
    path("conversations/plan/<int:pk>/remove/", views.plan_remove, name="conversation_plan_remove"),
]
