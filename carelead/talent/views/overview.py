"""The regional overview: pools, succession risk and challenged vacancies filled and
retained, for the regional talent lead (their region) and the implementation office (every
region, or one chosen)."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from carelead.talent.forms.succession import RegionChoiceForm
from carelead.talent.presenters import overview as presenters
from carelead.talent.selectors import overview as selectors


@permission_required("talent.view_overview", raise_exception=True)
def overview(request):
    regions = selectors.overview_regions(request.user)
    ods = request.GET.get("region") or ""
    shown = selectors.chosen_regions(regions, ods)
    title = f"Talent overview: {shown[0].name}" if len(shown) == 1 else "Talent overview"
    return render(
        request,
        "talent/overview/overview.jinja",
        {
            "page_title": title,
            "choice": RegionChoiceForm({"region": ods}, regions=regions)
            if len(regions) > 1
            else None,
            "rows": presenters.overview_rows(selectors.regional_overview(shown)),
            "definitions": presenters.DEFINITIONS,
        },
    )
