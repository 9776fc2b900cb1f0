"""The learning overview for regional talent leads (their region) and the implementation
office (England, or one region at a time)."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from carelead.core.csv import csv_download
from carelead.learning.presenters.overview import TABLES, OverviewPresenter
from carelead.learning.selectors.overview import learning_overview, overview_scope


def _presenter(request) -> OverviewPresenter:
    scope = overview_scope(request.user, region_code=request.GET.get("region") or None)
    return OverviewPresenter(learning_overview(scope, today=timezone.localdate()))


@permission_required("learning.view_learning_overview", raise_exception=True)
def overview(request):
    view = _presenter(request)
    return render(
        request,
        "learning/overview/overview.jinja",
        {"page_title": view.heading, "view": view},
    )


@permission_required("learning.view_learning_overview", raise_exception=True)
def overview_csv(request):
    key = request.GET.get("table", TABLES[0])
    if key not in TABLES:
        raise Http404("No such table.")
    view = _presenter(request)
    return csv_download(view.table(key).csv_rows(), view.csv_filename(key))
