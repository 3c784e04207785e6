"""Writes for funding: budget lines and the spending charged to them.

The rule that matters — never spend beyond a budget line — is checked twice: first here, to
say it in plain Vietnamese next to the amount; then by the database, which refuses a line whose
`spent` would pass its `amount` (models.BudgetLine). The running total moves by a single
`UPDATE … SET spent = spent + x` inside the spending's transaction: two spendings saved at the
same moment queue on that row, and the second one, seeing the first, is refused with the same
message. Nothing of a refused spending is saved.

The services do not check who may write: the calling view has decided through funding.selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from xaso.funding.models import BudgetLine, Spending, dong

ERR_OVER_BUDGET = (
    "Khoản chi {amount} vượt số còn lại của khoản dự toán “{line}”: dự toán {total}, đã chi {spent}, "
    "còn {remaining}. Khoản chi chưa được ghi; hãy giảm số tiền hoặc chọn khoản dự toán khác."
)
ERR_AMOUNT_POSITIVE = "Số tiền phải lớn hơn 0 đồng."
ERR_AMOUNT_NEGATIVE = "Dự toán không được âm."
ERR_BELOW_SPENT = "Dự toán không được thấp hơn số đã chi từ khoản dự toán này ({spent})."
ERR_YEAR_OUTSIDE_PLAN = "Năm {year} nằm ngoài thời gian của kế hoạch ({start}–{end})."
ERR_LINE_FIXED = "Khoản dự toán đã có khoản chi: không đổi được kế hoạch hoặc năm; hãy tạo khoản dự toán mới."
ERR_LINE_HAS_SPENDINGS = (
    "Khoản dự toán “{line}” đã có {count} khoản chi nên không xóa được; hãy xóa các khoản chi trước."
)
ERR_DATE_YEAR = "Ngày chi phải trong năm {year}, năm của khoản dự toán."
ERR_DATE_FUTURE = "Ngày chi chưa tới."
ERR_TASK_PLAN = "Nhiệm vụ “{task}” không thuộc kế hoạch của khoản dự toán."
ERR_ACTIVITY_COMMUNE = "Hoạt động “{activity}” không thuộc xã của khoản dự toán."
ERR_BUSY = (
    "Máy chủ đang bận ghi một khoản khác nên khoản này chưa được lưu. Những gì đã nhập vẫn còn; hãy bấm Lưu lần nữa."
)

T = TypeVar("T")
LINE_FIELDS = ["plan", "year", "source", "title", "amount", "basis", "note", "commune"]


def _busy_is_a_message(action: Callable[..., T]) -> Callable[..., T]:
    """SQLite without a wait (tests' in-memory database) refuses a second writer at once: say so in
    Vietnamese instead of a server error. PostgreSQL and the deployed SQLite file make it wait."""

    def run(**kwargs: Any) -> T:
        try:
            return action(**kwargs)
        except OperationalError as error:
            if "locked" not in str(error).lower():
                raise
            raise ValidationError(ERR_BUSY) from None

    run.__doc__ = action.__doc__
    run.__name__ = action.__name__
    return run


def _model_problems(instance: Any, exclude: list[str]) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {}


def _add(problems: dict[str, list[str]], field: str, message: str) -> None:
    if message not in problems.setdefault(field, []):
        problems[field].append(message)


def _over_budget(line: BudgetLine, amount: int) -> str:
    return ERR_OVER_BUDGET.format(
        amount=dong(amount),
        line=line.title,
        total=dong(line.amount),
        spent=dong(line.spent),
        remaining=dong(line.remaining),
    )


# -- budget lines -----------------------------------------------------------------------------------------


def budget_line_problems(line: BudgetLine) -> dict[str, list[str]]:
    problems = _model_problems(line, ["commune"])
    if line.amount is not None and "amount" not in problems and line.amount < 0:
        _add(problems, "amount", ERR_AMOUNT_NEGATIVE)
    plan = line.plan if line.plan_id else None
    if plan is not None and line.year and "year" not in problems and line.year not in plan.years:
        _add(problems, "year", ERR_YEAR_OUTSIDE_PLAN.format(year=line.year, start=plan.start_year, end=plan.end_year))
    if line.pk is not None:
        stored = BudgetLine.objects.filter(pk=line.pk).values("plan_id", "year", "spent").first()
        if stored is not None:
            has_spendings = Spending.objects.filter(line_id=line.pk).exists()
            if has_spendings and (stored["plan_id"] != line.plan_id or stored["year"] != line.year):
                _add(problems, "year", ERR_LINE_FIXED)
            if line.amount is not None and "amount" not in problems and line.amount < stored["spent"]:
                _add(problems, "amount", ERR_BELOW_SPENT.format(spent=dong(stored["spent"])))
    return problems


@_busy_is_a_message
@transaction.atomic
def budget_line_save(*, line: BudgetLine) -> BudgetLine:
    line.title = " ".join(line.title.split())
    problems = budget_line_problems(line)
    if problems:
        raise ValidationError(problems)
    line.commune_id = line.plan.commune_id
    if line.pk is None:
        line.spent = 0
        line.save()
        return line
    # `spent` is never written from a form's copy: another person's spending may have moved it.
    try:
        with transaction.atomic():
            line.save(update_fields=LINE_FIELDS)
    except IntegrityError:
        line.spent = BudgetLine.objects.values_list("spent", flat=True).get(pk=line.pk)
        raise ValidationError({"amount": ERR_BELOW_SPENT.format(spent=dong(line.spent))}) from None
    line.spent = BudgetLine.objects.values_list("spent", flat=True).get(pk=line.pk)
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine) -> None:
    count = Spending.objects.filter(line_id=line.pk).count()
    if count:
        raise ValidationError(ERR_LINE_HAS_SPENDINGS.format(line=line.title, count=count))
    line.delete()


# -- spending ---------------------------------------------------------------------------------------------


def spending_problems(spending: Spending) -> dict[str, list[str]]:
    """What is wrong with a spending before it is saved, by field. The budget check here reads the
    line as it stands; spending_save repeats it where it counts, in the database."""
    problems = _model_problems(spending, ["commune", "line", "task", "activity"])
    for field in ("line", "task"):
        if not getattr(spending, f"{field}_id"):
            _add(problems, field, "Trường này là bắt buộc.")
    if spending.amount is not None and "amount" not in problems and spending.amount <= 0:
        _add(problems, "amount", ERR_AMOUNT_POSITIVE)
    if spending.date and "date" not in problems and spending.date > timezone.localdate():
        _add(problems, "date", ERR_DATE_FUTURE)
    if not spending.line_id:
        return problems
    line = BudgetLine.objects.get(pk=spending.line_id)
    if spending.date and "date" not in problems and spending.date.year != line.year:
        _add(problems, "date", ERR_DATE_YEAR.format(year=line.year))
    if spending.task_id and spending.task.plan_id != line.plan_id:
        _add(problems, "task", ERR_TASK_PLAN.format(task=spending.task.code))
    activity = spending.activity if spending.activity_id else None
    if activity is not None and activity.commune_id != line.commune_id:
        _add(problems, "activity", ERR_ACTIVITY_COMMUNE.format(activity=activity.title[:60]))
    if spending.amount and "amount" not in problems:
        already = 0
        if spending.pk is not None:
            old = Spending.objects.filter(pk=spending.pk, line_id=line.pk).values_list("amount", flat=True).first()
            already = old or 0
        if spending.amount - already > line.remaining:
            line.spent -= already
            _add(problems, "amount", _over_budget(line, spending.amount))
    return problems


def _charge(*, line_id: int, delta: int, amount: int) -> None:
    """Move the line's running total by `delta`; the database refuses to pass the line."""
    if delta == 0:
        return
    try:
        with transaction.atomic():
            BudgetLine.objects.filter(pk=line_id).update(spent=F("spent") + delta)
    except IntegrityError:
        line = BudgetLine.objects.get(pk=line_id)
        raise ValidationError({"amount": _over_budget(line, amount)}) from None


@_busy_is_a_message
@transaction.atomic
def spending_save(*, spending: Spending, user: Any = None) -> Spending:
    """Record a spending, or change one, charging its budget line in the same transaction."""
    spending.description = " ".join(spending.description.split())
    problems = spending_problems(spending)
    if problems:
        raise ValidationError(problems)
    old = None
    if spending.pk is not None:
        old = Spending.objects.select_for_update().filter(pk=spending.pk).values("line_id", "amount").first()
    if old is not None and old["line_id"] != spending.line_id:
        _charge(line_id=old["line_id"], delta=-old["amount"], amount=old["amount"])
        old = None
    _charge(line_id=spending.line_id, delta=spending.amount - (old["amount"] if old else 0), amount=spending.amount)
    spending.commune_id = spending.line.commune_id
    if spending.pk is None and user is not None and getattr(user, "is_authenticated", False):
        spending.created_by = user
    spending.save()
    return spending


@_busy_is_a_message
@transaction.atomic
def spending_delete(*, spending: Spending) -> None:
    """Remove a spending entered by mistake; its amount goes back to the line."""
    stored = Spending.objects.select_for_update().filter(pk=spending.pk).values("line_id", "amount").first()
    if stored is None:
        return
    _charge(line_id=stored["line_id"], delta=-stored["amount"], amount=stored["amount"])
    Spending.objects.filter(pk=spending.pk).delete()
