from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "xaso.audit"
    label = "audit"
    verbose_name = "Nhật ký thao tác"

    def ready(self) -> None:
        from xaso.audit import recording

        recording.connect()
