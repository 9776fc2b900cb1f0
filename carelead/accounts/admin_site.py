def restrict_admin_to_superusers(site) -> None:
    """Django admin is for superusers only: staff status alone does not open it."""

    def has_permission(request):
        return request.user.is_active and request.user.is_superuser

    site.has_permission = has_permission
    site.site_header = "carelead administration"
