from django.apps import AppConfig


class MarathonConfig(AppConfig):
    name = "marathon"
    verbose_name = "Marathon des lettres"

    def ready(self) -> None:
        from marathon import emails  # noqa: F401 (registers the e-mail kinds)
