from django.apps import AppConfig


class SigninConfig(AppConfig):
    """Log-in that a province server can trust: lock-out after repeated wrong passwords (django-axes),
    a second factor (TOTP, django-otp) for the roles that sign and follow, Vietnamese password rules,
    and a record of every log-in read per commune."""

    name = "xaso.signin"
    label = "signin"
    verbose_name = "Đăng nhập"

    def ready(self) -> None:
        from xaso.signin import receivers  # noqa: F401  (connects the log-in recorders)
