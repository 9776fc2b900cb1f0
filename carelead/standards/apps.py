from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "carelead.standards"
    label = "standards"
    verbose_name = "Leadership and management standards"
