"""Routes: talent pools (names ``pool*``, paths under ``pools/``)."""

from django.urls import path

from carelead.talent.views import pools as views

urlpatterns = [
    path("pools/", views.pool_list, name="pools"),
    path("pools/new/", views.pool_create, name="pool_create"),
    path("pools/open/", views.pools_open, name="pools_open"),
    path("pools/mine/", views.pools_mine, name="pools_mine"),
    path("pools/<int:pk>/", views.pool_detail, name="pool"),
    path("pools/<int:pk>/edit/", views.pool_edit, name="pool_edit"),
    path("pools/<int:pk>/make-up/", views.pool_makeup, name="pool_makeup"),
    path("pools/<int:pk>/nominate/", views.pool_nominate, name="pool_nominate"),
    path(
        "pools/<int:pk>/nominate-someone/",
        views.pool_nominate_report,
        name="pool_nominate_report",
    ),
    path("pools/<int:pk>/offers/new/", views.pool_offer_create, name="pool_offer_create"),
    path("pools/offers/<int:pk>/edit/", views.pool_offer_edit, name="pool_offer_edit"),
    path("pools/nominations/<int:pk>/decide/", views.pool_decide, name="pool_decide"),
    path("pools/nominations/<int:pk>/move-on/", views.pool_move_on, name="pool_move_on"),
    path("pools/nominations/<int:pk>/withdraw/", views.pool_withdraw, name="pool_withdraw"),
]
