"""Insight pages: the people lead dashboard, roll-ups, the capability heatmap, development
demand and the people lead's CSV export. Views pick the scope from the query string (the
selectors answer 404 outside the user's scope) and hand the figures to a presenter."""

import csv

from django.contrib.auth.decorators import permission_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from carelead.appraisals.forms.insight import CycleChoiceForm, VersionChoiceForm
from carelead.appraisals.presenters.insight import (
    EXPORT_HEADER,
    DashboardPresenter,
    DemandPresenter,
    HeatmapPresenter,
    RollupPresenter,
    export_cells,
    export_filename,
)
from carelead.appraisals.selectors.insight import (
    appraisal_dashboard,
    appraisal_rollup,
    capability_heatmap,
    dashboard_scope,
    development_demand,
    export_organisation,
    export_rows,
    insight_scope,
    organisation_cycles,
)


def _scope(request):
    get = request.GET
    return insight_scope(
        request.user,
        region=get.get("region") or None,
        icb=get.get("icb") or None,
        organisation=get.get("organisation") or None,
    )


@permission_required("appraisals.view_insight", raise_exception=True)
def dashboard(request):
    scope = dashboard_scope(
        request.user,
        organisation=request.GET.get("organisation") or None,
        cycle=request.GET.get("cycle") or None,
    )
    view = DashboardPresenter(appraisal_dashboard(scope, today=timezone.localdate()))
    form = None
    if scope.cycle is not None:
        form = CycleChoiceForm(initial={"cycle": str(scope.cycle.pk)}, choices=view.cycle_choices)
    return render(
        request,
        "appraisals/insight/dashboard.jinja",
        {"page_title": view.heading, "view": view, "form": form},
    )


@permission_required("appraisals.view_insight", raise_exception=True)
def rollup(request):
    view = RollupPresenter(appraisal_rollup(_scope(request), today=timezone.localdate()))
    return render(
        request, "appraisals/insight/rollup.jinja", {"page_title": view.heading, "view": view}
    )


@permission_required("appraisals.view_insight", raise_exception=True)
def heatmap(request):
    scope = _scope(request)
    view = HeatmapPresenter(capability_heatmap(scope, version=request.GET.get("version") or None))
    form = None
    if len(view.heatmap.versions) > 1:
        form = VersionChoiceForm(
            initial={"version": str(view.heatmap.version.pk)}, choices=view.version_choices
        )
    return render(
        request,
        "appraisals/insight/heatmap.jinja",
        {"page_title": view.heading, "view": view, "form": form},
    )


@permission_required("appraisals.view_insight", raise_exception=True)
def demand(request):
    view = DemandPresenter(development_demand(_scope(request), today=timezone.localdate()))
    return render(
        request, "appraisals/insight/demand.jinja", {"page_title": view.heading, "view": view}
    )


class _Echo:
    """A file-like object csv.writer can write to that hands each line straight back."""

    def write(self, value):
        return value


@permission_required("appraisals.manage_cycles", raise_exception=True)
def export_csv(request):
    organisation = export_organisation(request.user, request.GET.get("organisation") or None)
    scope = organisation_cycles(organisation, cycle=request.GET.get("cycle") or None)
    if scope.cycle is None:
        raise Http404("This organisation has no appraisal cycle to export.")
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(EXPORT_HEADER)
        for row in export_rows(scope.cycle):
            yield writer.writerow(export_cells(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = export_filename(organisation, scope.cycle)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
