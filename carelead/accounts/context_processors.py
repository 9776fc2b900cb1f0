from carelead.accounts.presenters import navigation_for


def navigation(request):
    return {"navigation_items": navigation_for(request)}
