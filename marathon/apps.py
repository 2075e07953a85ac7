from django.apps import AppConfig


class MarathonConfig(AppConfig):
    name = "marathon"
    verbose_name = "Marathon des lettres"

    def ready(self) -> None:
        from marathon.lib import pagecache

        pagecache.connect_invalidation()
