"""Framework pages. Browsing is public (no sign-in); importing, publishing and retiring are
for the national implementation office."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.nhsuk_forms.forms import error_list
from carelead.standards import exchange, presenters, selectors, services
from carelead.standards.forms import CompareForm, FrameworkImportForm, SearchForm, StageForm
from carelead.standards.models import FrameworkVersion, Item


def _version_or_404(request, slug: str, version: str) -> FrameworkVersion:
    found = selectors.version_for(request.user, slug, version)
    if found is None:
        raise Http404("No such framework version")
    return found


def _chosen_stage(request, version, stages):
    form = StageForm(request.GET or None, stages=stages)
    stage = None
    if form.is_bound and form.is_valid():
        stage = next((s for s in stages if s.code == form.cleaned_data["stage"]), None)
    stage = stage or (stages[0] if stages else None)
    if stage is not None and not form.is_bound:
        form = StageForm(initial={"stage": stage.code}, stages=stages)
    return form, stage


def _uses_carelead_wording(items, descriptors) -> bool:
    return any(i.wording == presenters.CARELEAD_WORDING for i in items) or any(
        d.wording == presenters.CARELEAD_WORDING for ds in descriptors for d in ds
    )


@login_not_required
def framework_list(request):
    frameworks = selectors.frameworks_with_versions(request.user)
    return render(
        request,
        "standards/framework_list.jinja",
        {
            "page_title": "Leadership and management frameworks",
            "frameworks": [(f, presenters.version_rows(f)) for f in frameworks],
            "search_form": SearchForm(),
            "can_manage": request.user.has_perm("standards.manage_frameworks"),
        },
    )


@login_not_required
def version_detail(request, slug, version):
    version = _version_or_404(request, slug, version)
    stages = selectors.stages_of(version)
    form, stage = _chosen_stage(request, version, stages)
    roots = selectors.version_tree(version)
    descriptors = selectors.descriptors_by_item(version, stage) if stage else {}
    related = selectors.related_items(version)
    principles = [r for r in roots if r.kind == Item.Kind.PRINCIPLE]
    areas = [r for r in roots if r.kind != Item.Kind.PRINCIPLE]
    all_items = [i for r in roots for i in _walk(r)]
    return render(
        request,
        "standards/version_detail.jinja",
        {
            "page_title": version.title,
            "version": version,
            "status": presenters.status_tag(version),
            "stage_form": form,
            "stage": stage,
            "stages": stages,
            "principles": principles,
            "areas": areas,
            "descriptors": descriptors,
            "related": related,
            "scales": selectors.rating_scales(version),
            "mappings": selectors.stage_mappings(version),
            "carelead_wording": _uses_carelead_wording(all_items, descriptors.values()),
            "can_manage": request.user.has_perm("standards.manage_frameworks"),
            "presenters": presenters,
            "urls": _version_urls(version),
            "competency_url": lambda item: presenters.competency_url(version, item),
        },
    )


def _walk(item):
    yield item
    for child in item.child_items:
        yield from _walk(child)


def _version_urls(version):
    return {
        name: presenters.version_url(name, version)
        for name in ("version_detail", "version_print", "version_case", "version_csv")
    } | {
        "compare": presenters.reverse(
            "standards:version_diff", kwargs={"slug": version.framework.slug}
        ),
        "publish": presenters.version_url("version_publish", version),
        "retire": presenters.version_url("version_retire", version),
    }


@login_not_required
def competency_detail(request, slug, version, code):
    version = _version_or_404(request, slug, version)
    item = selectors.item_by_code(version, code)
    if item is None:
        raise Http404("No such item")
    descriptors = selectors.descriptors_by_item(version).get(item.pk, [])
    related = selectors.items_related_to(item)
    children = list(item.children.order_by("sort_order", "code"))
    return render(
        request,
        "standards/competency_detail.jinja",
        {
            "page_title": f"{item.code} {item.title}",
            "version": version,
            "item": item,
            "children": children,
            "descriptors": descriptors,
            "related": related,
            "carelead_wording": _uses_carelead_wording([item, *children], [descriptors]),
            "urls": _version_urls(version),
            "competency_url": lambda other: presenters.competency_url(version, other),
        },
    )


@login_not_required
def search(request):
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = []
    if q:
        for version in selectors.visible_versions(request.user).filter(
            status=FrameworkVersion.Status.PUBLISHED
        ):
            items = selectors.search(version, q)
            if items:
                results.append(
                    (
                        version,
                        [{"item": i, "href": presenters.competency_url(version, i)} for i in items],
                    )
                )
    return render(
        request,
        "standards/search.jinja",
        {
            "page_title": f"Search results for {q}" if q else "Search the frameworks",
            "form": form,
            "q": q,
            "results": results,
            "count": sum(len(items) for _, items in results),
        },
    )


@login_not_required
def version_print(request, slug, version):
    version = _version_or_404(request, slug, version)
    stages = selectors.stages_of(version)
    form, stage = _chosen_stage(request, version, stages)
    roots = selectors.version_tree(version)
    descriptors = selectors.descriptors_by_item(version, stage) if stage else {}
    return render(
        request,
        "standards/version_print.jinja",
        {
            "page_title": f"{version.title} at {stage.name if stage else 'every stage'}",
            "version": version,
            "stage": stage,
            "roots": roots,
            "descriptors": descriptors,
            "scales": selectors.rating_scales(version),
            "presenters": presenters,
        },
    )


@login_not_required
def version_diff(request, slug):
    versions = list(
        selectors.visible_versions(request.user)
        .filter(framework__slug=slug)
        .order_by("-effective_from", "-version")
    )
    if not versions:
        raise Http404("No such framework")
    framework = versions[0].framework
    by_label = {v.version: v for v in versions}
    initial = {
        "old": versions[1].version if len(versions) > 1 else versions[0].version,
        "new": versions[0].version,
    }
    form = CompareForm(request.GET or None, initial=initial, versions=versions)
    old_label, new_label = initial["old"], initial["new"]
    if form.is_bound and form.is_valid():
        old_label, new_label = form.cleaned_data["old"], form.cleaned_data["new"]
    old, new = by_label[old_label], by_label[new_label]
    diff = selectors.version_diff(old, new)
    return render(
        request,
        "standards/version_diff.jinja",
        {
            "page_title": f"Compare versions of {framework.title}",
            "framework": framework,
            "form": form,
            "form_errors": error_list(form) if form.is_bound and not form.is_valid() else [],
            "old": old,
            "new": new,
            "diff": diff,
            "old_url": lambda item: presenters.competency_url(old, item),
            "new_url": lambda item: presenters.competency_url(new, item),
        },
    )


def _download_name(version, extension):
    return f"{version.framework.slug}-{version.version}.{extension}"


@login_not_required
def version_case(request, slug, version):
    version = _version_or_404(request, slug, version)
    body = json.dumps(exchange.version_to_case(version), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(version, "json")}"'
    return response


@login_not_required
def version_csv(request, slug, version):
    version = _version_or_404(request, slug, version)
    response = HttpResponse(
        exchange.version_to_csv(version), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(version, "csv")}"'
    return response


@permission_required("standards.manage_frameworks", raise_exception=True)
@require_http_methods(["GET", "POST"])
def framework_import(request):
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.framework_import(
                actor=request.user, content=form.cleaned_data["file"].read(), format=form.format
            )
        except exchange.ExchangeError as error:
            for message in error.messages:
                form.add_error("file", message)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request, f"{version.title} has been imported as a draft. Check it, then publish it."
            )
            return redirect(presenters.version_url("version_detail", version))
    return render(
        request,
        "standards/import.jinja",
        {
            "page_title": "Import a framework",
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
        },
    )


def _confirm(request, slug, version, *, action, service, template, title):
    version = _version_or_404(request, slug, version)
    problems = []
    if request.method == "POST":
        try:
            service(actor=request.user, version=version)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, f"{version.title} has been {action}.")
            return redirect(presenters.version_url("version_detail", version))
    elif action == "published":
        problems = services.publish_problems(version)
    return render(
        request,
        template,
        {
            "page_title": f"{title} {version.title}",
            "version": version,
            "status": presenters.status_tag(version),
            "problems": problems,
            "form_errors": [{"text": p, "href": "#problems"} for p in problems]
            if request.method == "POST"
            else [],
            "detail_url": presenters.version_url("version_detail", version),
        },
    )


@permission_required("standards.manage_frameworks", raise_exception=True)
@require_http_methods(["GET", "POST"])
def version_publish(request, slug, version):
    return _confirm(
        request,
        slug,
        version,
        action="published",
        service=services.framework_version_publish,
        template="standards/version_publish.jinja",
        title="Publish",
    )


@permission_required("standards.manage_frameworks", raise_exception=True)
@require_http_methods(["GET", "POST"])
def version_retire(request, slug, version):
    return _confirm(
        request,
        slug,
        version,
        action="retired",
        service=services.framework_version_retire,
        template="standards/version_retire.jinja",
        title="Retire",
    )
