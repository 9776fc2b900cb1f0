"""Routes: the senior vacancy register and incentive packages."""

from django.urls import path

from carelead.talent.views import vacancies

urlpatterns = [
    path("vacancies/", vacancies.register, name="vacancies"),
    path("vacancies/register.csv", vacancies.register_csv, name="vacancies_csv"),
    path("vacancies/new/", vacancies.vacancy_create, name="vacancy_create"),
    path("vacancies/<int:pk>/", vacancies.vacancy_detail, name="vacancy"),
    path("vacancies/<int:pk>/edit/", vacancies.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/withdraw/", vacancies.vacancy_withdraw, name="vacancy_withdraw"),
    path("vacancies/<int:pk>/challenged/", vacancies.vacancy_flag, name="vacancy_flag"),
    path("vacancies/<int:pk>/package/", vacancies.vacancy_package, name="vacancy_package"),
    path("packages/", vacancies.package_list, name="packages"),
    path("packages/new/", vacancies.package_create, name="package_create"),
    path("packages/<int:pk>/", vacancies.package_detail, name="package"),
    path("packages/<int:pk>/edit/", vacancies.package_edit, name="package_edit"),
]
