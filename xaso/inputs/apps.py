from django.apps import AppConfig


class InputsConfig(AppConfig):
    name = "xaso.inputs"
    label = "inputs"
    verbose_name = "Kiểm tra dữ liệu vào"

    def ready(self) -> None:
        from xaso.inputs.lookups import register_integer_lookups
        from xaso.inputs.streamfields import register_streamfield_override

        register_integer_lookups()
        register_streamfield_override()
