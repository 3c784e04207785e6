"""The learner's pages on the public site: light, phone-first, no script needed.

A learner is remembered in this browser's session after they enrol or type their learner
code; officials whose registry line is linked to their account are recognised when signed in.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from xaso.inputs.params import query_int
from xaso.learning import codes, selectors, services
from xaso.learning.certificate import CertificateError, certificate_pdf
from xaso.learning.forms import CodeForm, EnrolForm
from xaso.learning.grading import grade, questions_of
from xaso.learning.models import Attempt, Completion, Course, Learner

SESSION_KEY = "learning.learner"
ERR_CODE_UNKNOWN = "Không tìm thấy học viên có mã này. Hãy kiểm tra lại từng ký tự trên phiếu."
ERR_NOT_ENROLLED = "Bạn chưa ghi danh khóa học này."
ERR_CERT_NOT_FOUND = (
    "Không tìm thấy giấy chứng nhận có mã “{code}”. Hãy kiểm tra lại từng ký tự; nếu vẫn không thấy, "
    "giấy này không do hệ thống cấp."
)
ERR_BUSY = (
    "Máy chủ đang bận ghi một bài khác nên bài của bạn chưa được nộp. Hãy bấm nút Quay lại của trình duyệt "
    "(các lựa chọn của bạn vẫn còn) rồi bấm “Nộp bài” lần nữa."
)
MSG_DUPLICATE = (
    "Bài này đã được nộp rồi (có thể do bấm nút hai lần hoặc mở hai cửa sổ). Kết quả dưới đây là của lần nộp đó; "
    "không có gì bị ghi hai lần."
)


def current_learner(request: HttpRequest) -> Learner | None:
    pk = request.session.get(SESSION_KEY)
    if pk:
        learner = Learner.objects.filter(pk=pk).first()
        if learner is not None:
            return learner
    if request.user.is_authenticated:
        return Learner.objects.filter(person__user=request.user).first()
    return None


def _remember(request: HttpRequest, learner: Learner) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = learner.pk


def index(request: HttpRequest) -> HttpResponse:
    learner = current_learner(request)
    context = {
        "courses": selectors.courses_open(),
        "learner": learner,
        "mine": selectors.learner_courses(learner=learner) if learner else [],
        "code_form": CodeForm(),
    }
    return render(request, "learning/index.html", context)


@require_POST
def code_enter(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    learner = None
    if form.is_valid():
        learner = selectors.learner_by_code(
            code=codes.normalise(form.cleaned_data["code"], prefix=codes.LEARNER_PREFIX)
        )
        if learner is None:
            form.add_error("code", ERR_CODE_UNKNOWN)
    if learner is None:
        context: dict[str, Any] = {"courses": selectors.courses_open(), "learner": None, "mine": [], "code_form": form}
        return render(request, "learning/index.html", context, status=400)
    _remember(request, learner)
    return HttpResponseRedirect(reverse("learning:index"))


def code_link(request: HttpRequest, code: str) -> HttpResponse:
    """The link printed on a learner's slip: opens their courses on this phone."""
    learner = selectors.learner_by_code(code=codes.normalise(code, prefix=codes.LEARNER_PREFIX))
    if learner is None:
        form = CodeForm(initial={"code": code[:40]})
        form.errors["code"] = form.error_class([ERR_CODE_UNKNOWN])
        context: dict[str, Any] = {"courses": selectors.courses_open(), "learner": None, "mine": [], "code_form": form}
        return render(request, "learning/index.html", context, status=404)
    _remember(request, learner)
    return HttpResponseRedirect(reverse("learning:index"))


@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return HttpResponseRedirect(reverse("learning:index"))


def _course(slug: str) -> Course:
    course = selectors.course_open(slug=slug)
    if course is None:
        raise Http404("Không có khóa học này.")
    return course


def course(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(slug)
    learner = current_learner(request)
    enrolment = selectors.enrolment_of(learner=learner, course=course)
    form = EnrolForm(commune=course.commune)
    status = 200
    if request.method == "POST":
        form = EnrolForm(request.POST, commune=course.commune)
        if learner is not None or form.is_valid():
            try:
                enrolment = services.self_enrol(
                    course=course,
                    name=form.cleaned_data.get("name", "") if learner is None else "",
                    unit=form.cleaned_data.get("unit") if learner is None else None,
                    learner=learner,
                )
            except ValidationError as error:
                _form_errors(form, error)
                status = 400
            else:
                _remember(request, enrolment.learner)
                return HttpResponseRedirect(reverse("learning:course", args=[course.slug]) + "?moi=1")
        else:
            status = 400
    context = {
        "course": course,
        "learner": learner if enrolment is None else enrolment.learner,
        "enrolment": enrolment,
        "progress": selectors.progress_of(course=course, enrolment=enrolment),
        "form": form,
        "just_enrolled": request.GET.get("moi") == "1" and enrolment is not None,
    }
    return render(request, "learning/course.html", context, status=status)


def _form_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def _busy_is_retryable(view: Any) -> Any:
    """SQLite answers "database is locked" when another write holds the database past its timeout
    (at once in the in-memory test database): nothing was written, so the learner just tries again."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response: HttpResponse = view(request, *args, **kwargs)
        except OperationalError as error:
            if "locked" not in str(error).lower():
                raise
            return HttpResponse(render_to_string("learning/busy.html", {"message": ERR_BUSY}), status=503)
        return response

    return guarded


@_busy_is_retryable
def lesson(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    course = _course(slug)
    enrolment = selectors.enrolment_of(learner=current_learner(request), course=course)
    if enrolment is None:
        return HttpResponseRedirect(reverse("learning:course", args=[course.slug]))
    progress = selectors.progress_of(course=course, enrolment=enrolment)
    state = progress.state(number)
    if state is None:
        raise Http404("Không có bài học này.")
    questions = questions_of(state.lesson.quiz)
    answers: dict[str, list[str]] = {}
    errors: list[str] = []
    status = 200
    if request.method == "POST" and state.unlocked:
        answers = {q.id: request.POST.getlist(f"q-{q.id}") for q in questions}
        attempt_number = query_int(request.POST, "lan", 0, maximum=2**31 - 1)
        try:
            submission = services.quiz_submit(
                enrolment=enrolment, lesson=state.lesson, number=attempt_number, answers=answers
            )
        except ValidationError as error:
            errors, status = error.messages, 400
        else:
            url = reverse("learning:result", args=[course.slug, number, submission.attempt.number])
            return HttpResponseRedirect(url + ("?trung=1" if submission.duplicate else ""))
    context = {
        "course": course,
        "progress": progress,
        "state": state,
        "questions": questions,
        "answers": answers,
        "errors": errors,
        "attempt_number": services.next_attempt_number(enrolment=enrolment, lesson=state.lesson),
        "previous": progress.state(number - 1),
        "next": progress.state(number + 1),
    }
    return render(request, "learning/lesson.html", context, status=status if state.unlocked else 403)


def result(request: HttpRequest, slug: str, number: int, attempt: int) -> HttpResponse:
    course = _course(slug)
    enrolment = selectors.enrolment_of(learner=current_learner(request), course=course)
    if enrolment is None:
        return HttpResponseRedirect(reverse("learning:course", args=[course.slug]))
    progress = selectors.progress_of(course=course, enrolment=enrolment)
    state = progress.state(number)
    if state is None:
        raise Http404("Không có bài học này.")
    found = get_object_or_404(Attempt, enrolment=enrolment, lesson=state.lesson, number=attempt)
    questions = questions_of(state.lesson.quiz)
    _, verdicts = grade(questions, found.answers)
    context = {
        "course": course,
        "progress": progress,
        "state": state,
        "attempt": found,
        "questions": questions,
        "verdicts": verdicts,
        "duplicate": request.GET.get("trung") == "1",
        "duplicate_message": MSG_DUPLICATE,
        "next": progress.state(number + 1),
    }
    return render(request, "learning/result.html", context)


def verify_url(completion: Completion) -> str:
    return settings.BASE_URL + reverse("learning:verify_code", args=[completion.certificate_display])


def certificate(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(slug)
    enrolment = selectors.enrolment_of(learner=current_learner(request), course=course)
    completion = Completion.objects.filter(enrolment=enrolment).first() if enrolment else None
    if completion is None:
        raise Http404("Bạn chưa hoàn thành khóa học này.")
    return certificate_response(completion)


def certificate_response(completion: Completion) -> HttpResponse:
    try:
        pdf = certificate_pdf(completion=completion, verify_url=verify_url(completion))
    except CertificateError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giay-chung-nhan-{completion.certificate_display}.pdf"'
    return response


def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    typed = (code or request.GET.get("ma", "")).strip()[:40]
    if not typed:
        return render(request, "learning/verify.html", {"typed": ""})
    completion = selectors.completion_by_certificate(code=codes.normalise(typed, prefix=codes.CERTIFICATE_PREFIX))
    if completion is None:
        return render(
            request,
            "learning/verify.html",
            {"typed": typed, "error": ERR_CERT_NOT_FOUND.format(code=typed)},
            status=404,
        )
    context: dict[str, Any] = {
        "typed": typed,
        "completion": completion,
        "lessons": completion.enrolment.course.lessons.count(),
    }
    return render(request, "learning/verify.html", context)
