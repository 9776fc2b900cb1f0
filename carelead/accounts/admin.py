"""Django admin, for superusers only (see admin_site.py). Role changes made here go through
the accounts services, so they are validated and audited like any other change."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from carelead.accounts import services
from carelead.accounts.models import RoleAssignment, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "person", "is_service_account", "is_active", "is_superuser"]
    list_filter = ["is_service_account", "is_active", "is_superuser"]
    search_fields = ["username", "person__given_name", "person__family_name", "person__email"]
    raw_id_fields = ["person"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("carelead", {"fields": ("person", "is_service_account")}),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "scope_level", "organisation", "created_at"]
    list_filter = ["role", "scope_level"]
    search_fields = ["user__username", "organisation__name", "organisation__ods_code"]
    raw_id_fields = ["user", "organisation"]
    exclude = ["granted_by"]

    def save_model(self, request, obj, form, change):
        if change:
            original = RoleAssignment.objects.get(pk=obj.pk)
            services.role_assignment_change(
                actor=request.user,
                assignment=original,
                role=obj.role,
                scope_level=obj.scope_level,
                organisation=obj.organisation,
            )
        else:
            created = services.role_assignment_grant(
                actor=request.user,
                user=obj.user,
                role=obj.role,
                scope_level=obj.scope_level,
                organisation=obj.organisation,
            )
            obj.pk = created.pk

    def delete_model(self, request, obj):
        services.role_assignment_revoke(actor=request.user, assignment=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.role_assignment_revoke(actor=request.user, assignment=obj)
