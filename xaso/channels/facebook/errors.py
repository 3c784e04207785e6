"""Graph API errors by their documented codes, as retry / back off / stop with a reason.

https://developers.facebook.com/docs/graph-api/guides/error-handling — the body is
{"error": {"message", "type", "code", "error_subcode", "is_transient", "fbtrace_id"}}. Its
"What To Do" column says: 1, 2 (and any error marked is_transient) wait and retry; 4, 17, 32, 341,
613 and the Business Use Case codes 80001–80014 are throttling, wait and retry more slowly;
368 "Temporarily blocked for policies violations" is wait and retry too; 10 and 200–299 need a
permission; 102 and 190 a new token; 506 is a duplicate post.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from xaso.channels.errors import (
    DeliveryError,
    DuplicateError,
    PermanentError,
    TemporaryError,
    ThrottledError,
    TokenError,
)

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
    "Facebook tạm thời chặn việc đăng bài của Trang (mã lỗi 368, thường do nội dung bị coi là vi phạm chính "
    "sách); Xã số sẽ thử lại sau {minutes} phút. Kiểm tra thông báo trong Meta Business Suite."
)
ERR_DUPLICATE = "Facebook từ chối vì nội dung trùng với một bài đã đăng (mã lỗi 506)."
ERR_APPSECRET = (
    "Ứng dụng Facebook đang bật “Require App Secret” nên mọi lệnh gọi phải kèm appsecret_proof: hãy nhập Khóa bí "
    "mật ứng dụng (App Secret) đúng cho kênh rồi gửi lại (mã lỗi {code})."
)
ERR_INVALID = "Facebook từ chối yêu cầu: {message} (mã lỗi {code})."

THROTTLING = frozenset({4, 17, 32, 341, 613, *range(80001, 80015)})
BLOCKED = 368


def classify(error: dict[str, Any], *, retry_after: float | None = None) -> DeliveryError:
    code = int(error.get("code") or 0)
    subcode = int(error.get("error_subcode") or 0)
    label = f"{code}" + (f"/{subcode}" if subcode else "")
    if code in THROTTLING:
        # The usage headers say how long until access returns; without them, a configured pause.
        wait = retry_after or float(settings.DELIVERY_THROTTLE_SECONDS)
        return ThrottledError(ERR_THROTTLED.format(code=label, minutes=_minutes(wait)), code=label, retry_after=wait)
    if code == BLOCKED:
        # Not a permanent refusal: the block lifts after a while. Wait long, and pause the whole Page.
        wait = max(retry_after or 0, float(settings.DELIVERY_BLOCKED_SECONDS))
        return ThrottledError(ERR_BLOCKED.format(minutes=_minutes(wait)), code=label, retry_after=wait)
    if code in (1, 2) or error.get("is_transient"):
        return TemporaryError(ERR_TEMPORARY.format(code=label), code=label)
    if code in (190, 102):
        return TokenError(ERR_TOKEN.format(why=TOKEN_REASONS.get(subcode, ERR_TOKEN_DEFAULT)), code=label)
    if code == 10 or 200 <= code <= 299:
        return PermanentError(ERR_PERMISSION.format(code=label), code=label)
    if code == 506:
        return DuplicateError(ERR_DUPLICATE, code=label)
    if code == 100 and "appsecret_proof" in str(error.get("message") or ""):
        return TokenError(ERR_APPSECRET.format(code=label), code=label)
    message = str(error.get("error_user_msg") or error.get("message") or "lỗi không rõ")[:200]
    return PermanentError(ERR_INVALID.format(message=message, code=label), code=label)


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))
