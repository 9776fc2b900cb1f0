from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "carelead.learning"
    label = "learning"
    verbose_name = "Accredited learning"

    def ready(self) -> None:
        # New starters are enrolled on the national induction when people says employments
        # started (people cannot import learning: dependencies point one way).
        from carelead.learning import receivers  # noqa: F401
