from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "carelead.talent"
    label = "talent"
    verbose_name = "Career and talent"
