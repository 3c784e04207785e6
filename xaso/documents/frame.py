"""The one frame of every document a commune issues about its programme (Decree 30/2020, Appendix I):
issuing body, motto, number, place and date, document type and summary, addressees, signature and
recipients, all taken from the plan. The consolidated report, the interim and final reviews and the
sample report differ only in their body (xaso.documents.sections gathers it from the apps).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaso.documents.model import Block, Document, DocumentHeader, Issuer, Recipients, SignatureBlock
from xaso.documents.numbering import number_tables

# "Kính gửi" names the Department: the recipients' list then starts with "Như trên" (Decree 30 practice).
AS_ABOVE = "Như trên"
INFORMED = ("TT Đảng ủy, TT HĐND xã (b/c)", "CT, các PCT UBND xã", "Các phòng chuyên môn, đơn vị")
DEFAULT_ARCHIVE = "VT, VHXH"
DEFAULT_TITLE = "CHỦ TỊCH"


def symbol_for(*, plan: Any, document_type: str = "BÁO CÁO") -> str:
    """ "BC-UBND" for a report of a plan "33/KH-UBND": the type's letters and the issuer's."""
    letters = {"BÁO CÁO": "BC", "KẾ HOẠCH": "KH", "TỜ TRÌNH": "TTr"}.get(document_type.upper(), "BC")
    issuer = plan.code.rsplit("-", 1)[-1] if "-" in plan.code else "UBND"
    return f"{letters}-{issuer}"


def archive_of(plan: Any) -> str:
    """The plan's own "Lưu: …" line, or the office's usual one."""
    for recipient in plan.recipients.all():
        text = recipient.text.strip()
        if text.startswith("Lưu:"):
            return text.removeprefix("Lưu:").strip().rstrip(".") or DEFAULT_ARCHIVE
    return DEFAULT_ARCHIVE


def plan_document(
    *,
    plan: Any,
    summary: str,
    body: tuple[Block, ...],
    signer_name: str,
    year: int,
    number: int | None = None,
    issued_on: dt.date | None = None,
    document_type: str = "BÁO CÁO",
) -> Document:
    """A document of `plan`'s issuer on `summary` ("Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch
    số 33/KH-UBND…"), addressed to the plan's reporting recipient, signed as the plan is signed. Its
    tables are numbered in order of appearance. A body still waiting for the office's text
    (ToComplete) is a draft: given a number or a date it is refused when written
    (validation.ERR_DRAFT_ISSUED); builders say so earlier, in their own words."""
    body = number_tables(body)
    recipient = plan.reporting_recipient
    return Document(
        header=_header(plan, summary, number, issued_on, year, document_type, recipient),
        body=body,
        signature=SignatureBlock(
            authority=plan.signer_authority.strip(),
            title=plan.signer_title.strip() or DEFAULT_TITLE,
            name=signer_name,
        ),
        recipients=Recipients(
            items=((AS_ABOVE,) if recipient else ()) + INFORMED,
            archive=archive_of(plan),
        ),
    )


def _header(
    plan: Any,
    summary: str,
    number: int | None,
    issued_on: dt.date | None,
    year: int,
    document_type: str,
    recipient: Any = None,
) -> DocumentHeader:
    return DocumentHeader(
        issuer=Issuer(name_lines=tuple(plan.issuer_header_lines)),
        number=number,
        symbol=symbol_for(plan=plan, document_type=document_type),
        place=plan.place,
        issued_on=issued_on,
        draft_year=None if issued_on else year,
        document_type=document_type,
        summary=summary,
        addressees=(recipient.name,) if recipient else (),
    )
