"""Routes for the feedback pages (see the package's __init__)."""

from django.urls import path

from carelead.appraisals.views import feedback as views

urlpatterns = [
    path("<int:pk>/feedback/", views.feedback_manage, name="feedback"),
    path("<int:pk>/feedback/report/", views.feedback_report, name="feedback_report"),
    path("<int:pk>/feedback/report.pdf", views.feedback_report_pdf, name="feedback_report_pdf"),
    path("feedback/asked/", views.feedback_requests, name="feedback_requests"),
    path(
        "feedback/asked/<int:pk>/",
        views.feedback_respond_internal,
        name="feedback_respond_internal",
    ),
    # Public: the one-time link emailed to each rater.
    path("feedback/respond/<str:token>/", views.feedback_respond, name="feedback_respond"),
]
