from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "xaso.outreach"
    label = "outreach"
    verbose_name = "Trường học, doanh nghiệp"
