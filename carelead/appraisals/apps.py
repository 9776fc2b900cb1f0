from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "carelead.appraisals"
    label = "appraisals"
    verbose_name = "Appraisals"
