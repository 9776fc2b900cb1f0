from django.apps import AppConfig


class NhsukFormsConfig(AppConfig):
    name = "carelead.nhsuk_forms"
    label = "nhsuk_forms"
