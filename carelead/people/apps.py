from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "carelead.people"
    label = "people"
