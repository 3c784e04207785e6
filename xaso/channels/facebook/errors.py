"""Graph API errors by their documented codes, as retry / back off / stop with a reason.

https://developers.facebook.com/docs/graph-api/guides/error-handling — the body is
{"error": {"message", "type", "code", "error_subcode", "is_transient", "fbtrace_id"}}.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from xaso.channels.errors import DeliveryError, DuplicateError, PermanentError, TemporaryError, ThrottledError

ERR_TEMPORARY = "Facebook đang gặp sự cố tạm thời (mã lỗi {code}); sẽ thử lại."
ERR_THROTTLED = "Facebook yêu cầu giảm tần suất gửi (mã lỗi {code}); sẽ thử lại sau {minutes} phút."
ERR_PERMISSION = (
    "Ứng dụng chưa được cấp quyền đăng bài lên Trang (mã lỗi {code}). Quản trị viên Trang cần cấp quyền "
    "pages_manage_posts và pages_read_engagement rồi kết nối lại kênh."
)
ERR_TOKEN = "Mã truy cập Trang Facebook không còn dùng được: {why} Hãy kết nối lại kênh Facebook."  # noqa: S105
TOKEN_REASONS = {
    458: "ứng dụng đã bị gỡ khỏi tài khoản quản trị Trang.",
    459: "tài khoản quản trị cần đăng nhập Facebook để xác minh.",
    460: "mật khẩu tài khoản quản trị đã thay đổi.",
    463: "mã đã hết hạn.",
    464: "tài khoản quản trị chưa được xác nhận.",
    467: "mã không hợp lệ.",
}
ERR_TOKEN_DEFAULT = "mã đã hết hạn hoặc bị thu hồi."  # noqa: S105
ERR_BLOCKED = (
    "Facebook tạm thời chặn việc đăng bài của Trang (mã lỗi 368, thường do vi phạm chính sách). "
    "Kiểm tra thông báo trong Meta Business Suite trước khi gửi lại."
)
ERR_DUPLICATE = "Facebook từ chối vì nội dung trùng với một bài đã đăng (mã lỗi 506)."
ERR_INVALID = "Facebook từ chối yêu cầu: {message} (mã lỗi {code})."

THROTTLING = frozenset({4, 17, 32, 341, 613, 80001})


def classify(error: dict[str, Any], *, retry_after: float | None = None) -> DeliveryError:
    code = int(error.get("code") or 0)
    subcode = int(error.get("error_subcode") or 0)
    label = f"{code}" + (f"/{subcode}" if subcode else "")
    if code in THROTTLING:
        # The usage headers say how long until access returns; without them, a configured pause.
        wait = retry_after or float(settings.DELIVERY_THROTTLE_SECONDS)
        minutes = max(1, round(wait / 60))
        return ThrottledError(ERR_THROTTLED.format(code=label, minutes=minutes), code=label, retry_after=wait)
    if code in (1, 2) or error.get("is_transient"):
        return TemporaryError(ERR_TEMPORARY.format(code=label), code=label)
    if code == 190 or code == 102:
        return PermanentError(ERR_TOKEN.format(why=TOKEN_REASONS.get(subcode, ERR_TOKEN_DEFAULT)), code=label)
    if code == 10 or 200 <= code <= 299:
        return PermanentError(ERR_PERMISSION.format(code=label), code=label)
    if code == 368:
        return PermanentError(ERR_BLOCKED, code=label)
    if code == 506:
        return DuplicateError(ERR_DUPLICATE, code=label)
    message = str(error.get("error_user_msg") or error.get("message") or "lỗi không rõ")[:200]
    return PermanentError(ERR_INVALID.format(message=message, code=label), code=label)
