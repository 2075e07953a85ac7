from django.apps import AppConfig


class MarathonConfig(AppConfig):
    name = "marathon"
    verbose_name = "Marathon des lettres"
