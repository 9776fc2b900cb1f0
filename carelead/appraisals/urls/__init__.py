"""The appraisals app's routes, one module per area so each stays readable."""

from carelead.appraisals.urls import (
    board,
    content,
    cycles,
    feedback,
    insight,
    outputs,
    workflow,
)

app_name = "appraisals"

urlpatterns = [
    *cycles.urlpatterns,
    *workflow.urlpatterns,
    *content.urlpatterns,
    *feedback.urlpatterns,
    *board.urlpatterns,
    *insight.urlpatterns,
    *outputs.urlpatterns,
]
