from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "xaso.onboarding"
    label = "onboarding"
    verbose_name = "Đưa xã lên Xã số"
