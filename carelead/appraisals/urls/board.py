"""Routes for the board pages (see the package's __init__)."""

from django.urls import path

from carelead.appraisals.views import board

urlpatterns = [
    path("board/cycles/<int:pk>/members/", board.board_members, name="board_members"),
    path("board/<int:pk>/submit/", board.board_submit, name="board_submit"),
    path("board/submissions/", board.board_submissions, name="board_submissions"),
    path("board/submissions/csv/", board.board_submissions_csv, name="board_submissions_csv"),
]
