from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "carelead.demo"
    label = "demo"
