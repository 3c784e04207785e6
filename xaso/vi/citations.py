"""A cited document's type, read from its number and symbol.

Decree 30/2020/NĐ-CP puts the type's abbreviation inside the symbol ("1169/QĐ-TTg", "57-NQ/TW",
"13/2023/NĐ-CP"), so a legal basis stored as its symbol alone can still be cited as a document must
be: "Quyết định số 1169/QĐ-TTg". A symbol that names no known type (a law's name) is cited as is.
"""

import re

# Decree 30/2020/NĐ-CP, appendix III (abbreviations of document types), plus the Party's.
DOCUMENT_TYPES = {
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "KL": "Kết luận",
    "CV": "Công văn",
}
_PARTS = re.compile(r"[/-]")


def document_type(code: str) -> str:
    """The type named by a document's symbol, or "" when the symbol names none."""
    code = code.strip()
    if not code[:1].isdigit():
        return ""
    for part in _PARTS.split(code)[1:]:
        if part.strip() in DOCUMENT_TYPES:
            return DOCUMENT_TYPES[part.strip()]
    return ""


def citation(code: str) -> str:
    """ "1169/QĐ-TTg" → "Quyết định số 1169/QĐ-TTg"; a law's name or an unknown symbol unchanged."""
    kind = document_type(code)
    return f"{kind} số {code.strip()}" if kind else code.strip()
