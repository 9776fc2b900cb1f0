"""Career pathway pages: the public list and pathway pages (with the evidence of where people
went next, and "Where you are" for a signed-in person), and the implementation office's page
for publishing or retiring a pathway."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.talent.forms.pathways import PathwayStatusForm
from carelead.talent.presenters import pathways as presenters
from carelead.talent.selectors import pathways as selectors
from carelead.talent.services import pathways as services


@login_not_required
def pathway_list(request):
    pathways = list(selectors.pathways_for(request.user))
    return render(
        request,
        "talent/pathways/pathway_list.jinja",
        {
            "page_title": "Career pathways",
            "groups": presenters.by_audience(pathways),
            "can_manage": selectors.may_manage(request.user),
            "presenters": presenters,
        },
    )


@login_not_required
def pathway_detail(request, code):
    pathway = selectors.pathway_for(request.user, code)
    evidence = selectors.pathway_evidence(pathway)
    return render(
        request,
        "talent/pathways/pathway_detail.jinja",
        {
            "page_title": pathway.title,
            "pathway": pathway,
            "steps": list(pathway.steps.all()),
            "evidence": presenters.evidence_table(presenters.evidence_rows(evidence)),
            "position": presenters.position_text(selectors.position_of(request.user, pathway)),
            "can_manage": selectors.may_manage(request.user),
            "presenters": presenters,
        },
    )


@permission_required(services.MANAGE_PATHWAYS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def pathway_status(request, code):
    pathway = selectors.pathway_for(request.user, code)
    form = PathwayStatusForm(
        request.POST or None,
        initial={"status": pathway.status, "version": services.version_of(pathway)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            pathway = services.pathway_status_set(
                actor=request.user, pathway=pathway, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            state = services.STATUS_MESSAGES[pathway.status]
            messages.success(request, f"{pathway.title} is {state}.")
            return redirect("talent:pathway", code=pathway.code)
    return render(
        request,
        "talent/pathways/pathway_status.jinja",
        {
            "page_title": f"Change the status of {pathway.title}",
            "pathway": pathway,
            "form": form,
            "form_errors": error_list(form),
            "presenters": presenters,
        },
    )
