from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "xaso.reporting"
    label = "reporting"
    verbose_name = "Báo cáo định kỳ, đột xuất"

    def ready(self) -> None:
        from xaso.reporting import consolidated

        consolidated.register()
