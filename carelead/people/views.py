from django.shortcuts import render


def _stub(request, title):
    return render(request, "people/stub.jinja", {"page_title": title})


def my_profile(request):
    return _stub(request, "My profile")


def my_equality(request):
    return _stub(request, "My equality monitoring")


def my_team(request):
    return _stub(request, "My team")


def people_list(request):
    return _stub(request, "People")


def import_list(request):
    return _stub(request, "Imports")
