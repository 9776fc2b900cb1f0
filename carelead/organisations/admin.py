"""Read-only admin: organisation changes go through the services (and their change files) so
that parents stay consistent and every change is audited."""

from django.contrib import admin

from carelead.organisations.models import CqcRating, Organisation, OversightSegment, Succession


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["ods_code", "name", "kind", "region", "icb", "opened_on", "closed_on"]
    list_filter = ["kind", "region"]
    search_fields = ["ods_code", "name"]


@admin.register(Succession)
class SuccessionAdmin(ReadOnlyAdmin):
    list_display = ["predecessor", "successor", "effective_on", "partial"]


@admin.register(OversightSegment)
class OversightSegmentAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "segment", "effective_from", "effective_to"]
    list_filter = ["segment"]


@admin.register(CqcRating)
class CqcRatingAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "overall", "well_led", "rated_on"]
