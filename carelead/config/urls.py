from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from carelead.accounts.admin_site import restrict_admin_to_superusers

restrict_admin_to_superusers(admin.site)

urlpatterns = [
    path("", include("carelead.core.urls")),
    path("accounts/", include("carelead.accounts.urls")),
    path("organisations/", include("carelead.organisations.urls")),
    path("people/", include("carelead.people.urls")),
    path("standards/", include("carelead.standards.urls")),
    path("learning/", include("carelead.learning.urls")),
    path("appraisals/", include("carelead.appraisals.urls")),
    path("talent/", include("carelead.talent.urls")),
    path("api/v1/", include("carelead.api.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEMO_ENABLED:
    urlpatterns.append(path("demo/", include("carelead.demo.urls")))

handler400 = "carelead.core.views.error_400"
handler403 = "carelead.core.views.error_403"
handler404 = "carelead.core.views.error_404"
handler500 = "carelead.core.views.error_500"
