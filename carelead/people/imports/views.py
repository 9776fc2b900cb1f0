from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.nhsuk_forms.forms import error_list
from carelead.people.imports import selectors, services
from carelead.people.imports.extract import COLUMNS
from carelead.people.imports.forms import WorkforceImportForm
from carelead.people.imports.presenters import WorkforceImportPresenter

RUNS_PAGE_SIZE = 20


@permission_required("people.import_workforce", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_list(request):
    if request.method == "POST":
        form = WorkforceImportForm(request.POST, request.FILES)
        if form.is_valid():
            run = services.workforce_import_start(
                actor=request.user,
                uploaded_file=form.cleaned_data["extract"],
                end_missing=form.cleaned_data["end_missing"],
            )
            return redirect("people:import_detail", pk=run.pk)
    else:
        form = WorkforceImportForm()
    runs = selectors.import_runs_for(request.user).prefetch_related("organisations")
    page = Paginator(runs, RUNS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/imports/import_list.jinja",
        {
            "page_title": "Import a workforce extract",
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
            "columns": COLUMNS,
            "page": page,
            "runs": [WorkforceImportPresenter(run) for run in page.object_list],
        },
    )


@permission_required("people.import_workforce", raise_exception=True)
def import_detail(request, pk: int):
    run = selectors.import_run_get(request.user, pk)
    if run is None:
        raise Http404("No such import")
    return render(
        request,
        "people/imports/import_detail.jinja",
        {
            "page_title": f"Workforce import: {run.original_filename}",
            "run": WorkforceImportPresenter(run),
        },
    )
