from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "xaso.documents"
    label = "documents"
    verbose_name = "Văn bản hành chính"

    def ready(self) -> None:
        from xaso.documents import sample

        sample.register()
