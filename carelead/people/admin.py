"""Read-only admin for people and employments. Equality monitoring is deliberately not
registered: special category data is for its owner only, administrators included."""

from django.contrib import admin

from carelead.organisations.admin import ReadOnlyAdmin
from carelead.people.models import Employment, Person


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["person_number", "given_name", "family_name", "email"]
    search_fields = ["person_number", "given_name", "family_name", "email"]


@admin.register(Employment)
class EmploymentAdmin(ReadOnlyAdmin):
    list_display = [
        "assignment_number",
        "person",
        "organisation",
        "job_title",
        "start_date",
        "end_date",
    ]
    list_select_related = ["person", "organisation"]
    search_fields = ["assignment_number", "person__person_number", "job_title"]
    raw_id_fields = ["person", "organisation", "line_manager"]
