from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "xaso.reviews"
    label = "reviews"
    verbose_name = "Sơ kết, tổng kết"

    def ready(self) -> None:
        from xaso.reviews import document

        # Who may ask for a review is decided per commune by documents.services.may_request_for
        # (the programme owner and the leaders); the figures are read through the requester's scope.
        document.register()
