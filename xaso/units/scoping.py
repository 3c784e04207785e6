"""Row-level scope in the back office.

Wagtail decides *what kind* of object a person may touch from model permissions
(granted by roles, see units.roles). These classes add *which rows*: every admin view
of a scoped model looks its object up through the person's readable or writable
queryset (units.selectors and each app's selectors), so an object outside the scope
answers 404 whatever URL is typed, and a readable but not writable one answers 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property, wraps
from typing import Any

from django.contrib.admin.utils import unquote
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from xaso.access.choosers import ScopedSnippetChooserViewSet, valid_pks
from xaso.access.filters import scope_filterset
from xaso.adminvi.views import IndexView, InspectView
from xaso.units.selectors import UserLike

Selector = Callable[..., QuerySet[Any]]


class ScopedIndexView(IndexView):
    """A listing whose filters offer only the person's rows (xaso/access/filters.py)."""

    @cached_property
    def filterset_class(self) -> Any:
        base = super().filterset_class
        if base is None:
            return None

        class ScopedFilterSet(base):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                # Before the form is built from the filters.
                scope_filterset(self, user=self.request.user)

        ScopedFilterSet.__name__ = base.__name__
        return ScopedFilterSet


READ_ACTIONS = frozenset({"view"})


class ScopedPermissionPolicy(ModelPermissionPolicy):
    def __init__(self, model: type[Model], *, readable: Selector, writable: Selector):
        super().__init__(model)
        self.readable = readable
        self.writable = writable

    def scoped(self, user: UserLike, action: str) -> QuerySet[Any]:
        selector = self.readable if action in READ_ACTIONS else self.writable
        return selector(user=user)

    def user_has_permission_for_instance(self, user: UserLike, action: str, instance: Model) -> bool:
        return self.user_has_permission(user, action) and self.scoped(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user: UserLike, actions: Iterable[str], instance: Model) -> bool:
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_permission_for(self, user: UserLike, action: str) -> QuerySet[Any]:
        if not self.user_has_permission(user, action):
            return self.model._default_manager.none()
        return self.scoped(user, action)

    def instances_user_has_any_permission_for(self, user: UserLike, actions: Iterable[str]) -> QuerySet[Any]:
        querysets = [self.instances_user_has_permission_for(user, action) for action in actions]
        result = self.model._default_manager.none()
        for queryset in querysets:
            result = result | queryset
        return result.distinct()


def _is_read_view(view_class: type) -> bool:
    required = getattr(view_class, "permission_required", None)
    return required is None or required == "view"


class CopyView(snippet_views.CopyView):
    # Wagtail titles a copy "Mới" like a new row: the person would not know which screen they are on.
    page_title = "Sao chép"


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every object URL is checked against the person's scope."""

    index_view_class = ScopedIndexView
    copy_view_class = CopyView
    inspect_view_class = InspectView
    chooser_viewset_class = ScopedSnippetChooserViewSet

    @property
    def scoped_policy(self) -> ScopedPermissionPolicy:
        policy = policy_registry.get_by_type(self.model)
        if not isinstance(policy, ScopedPermissionPolicy):
            raise TypeError(f"{self.model.__name__} needs a ScopedPermissionPolicy registered before its viewset.")
        return policy

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.scoped_policy.readable(user=request.user)

    def construct_view(self, view_class: type, **kwargs: Any) -> Callable[..., HttpResponse]:
        view = super().construct_view(view_class, **kwargs)
        read_only = _is_read_view(view_class)

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **view_kwargs: Any) -> HttpResponse:
            pk = view_kwargs.get("pk")
            if pk is not None:
                policy = self.scoped_policy
                pks = valid_pks(self.model, [unquote(str(pk))])
                pk_value = pks[0] if pks else None
                if pk_value is None or not policy.readable(user=request.user).filter(pk=pk_value).exists():
                    raise Http404("Không tìm thấy mục này trong phạm vi của bạn.")
                writing = not read_only or request.method not in ("GET", "HEAD", "OPTIONS")
                if writing and not policy.writable(user=request.user).filter(pk=pk_value).exists():
                    raise PermissionDenied("Bạn chỉ được xem, không được thay đổi mục này.")
            return view(request, *args, **view_kwargs)

        return guarded


class ScopedAdminForm(WagtailAdminModelForm):
    """Limits the choices of foreign keys to what the person may use.

    Subclasses set `scoped_fields` (field name -> selector called with user=) and
    `scoped_child_fields` (formset name -> {field name -> selector})."""

    scoped_fields: dict[str, Selector] = {}
    scoped_child_fields: dict[str, dict[str, Selector]] = {}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        user = self.for_user
        for name, selector in self.scoped_fields.items():
            if name in self.fields:
                self.fields[name].queryset = selector(user=user)
        for formset_name, fields in self.scoped_child_fields.items():
            formset = self.formsets.get(formset_name)
            if formset is None:
                continue
            querysets = {name: selector(user=user) for name, selector in fields.items()}
            for form in formset.forms:
                _limit_choices(form, querysets)
            # The blank form InlinePanel clones in the browser is built later, from formset.form.
            formset.form = _limited_form_class(formset.form, querysets)


def _limit_choices(form: Any, querysets: dict[str, QuerySet[Any]]) -> None:
    for name, queryset in querysets.items():
        if name in form.fields:
            form.fields[name].queryset = queryset


def _limited_form_class(form_class: Any, querysets: dict[str, QuerySet[Any]]) -> type:
    class LimitedForm(form_class):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            _limit_choices(self, querysets)

    LimitedForm.__name__ = form_class.__name__
    return LimitedForm


def form_add_validation_error(form: Any, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its fields where it names them, above otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        for message in messages:
            form.add_error(target, message)


class ServiceErrorsMixin:
    """For snippet forms whose save() calls a service: a ValidationError raised while saving — a
    rule only the transaction can check, such as a budget line spent by another request in the
    meantime — is shown on the form with what the person typed, instead of a server error.
    Everything the save did is rolled back (Wagtail saves inside transaction.atomic)."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            form_add_validation_error(form, error)
            invalid: HttpResponse = self.form_invalid(form)  # type: ignore[attr-defined]
            return invalid
        return response


class ServiceCreateView(ServiceErrorsMixin, CreateView):
    pass


class ServiceEditView(ServiceErrorsMixin, EditView):
    pass
