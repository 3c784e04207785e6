from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "xaso.access"
    label = "access"
    verbose_name = "Quyền truy cập"

    def ready(self) -> None:
        from xaso.access.registry import register_policies
        from xaso.access.tags import limit_popular_tags

        # Before any admin URL is built: every back-office model's rows come from the declaration.
        register_policies()
        limit_popular_tags()
