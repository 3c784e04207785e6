"""What a document needs before it can be written, said in Vietnamese.

Every problem is collected (not only the first), each naming where it is, so that the person
preparing a report fixes them in one pass.
"""

from __future__ import annotations

from xaso.documents.model import Block, Document, Paragraph, Section, Table, ToComplete
from xaso.documents.numbering import section_number, to_complete

ERR_ISSUER = "Thiếu tên cơ quan, tổ chức ban hành văn bản."
ERR_SYMBOL = "Thiếu ký hiệu văn bản (ví dụ: BC-UBND)."
ERR_NUMBER = "Số văn bản phải là số nguyên dương."
ERR_PLACE = "Thiếu địa danh ghi trước ngày tháng văn bản."
ERR_DRAFT_YEAR = "Văn bản chưa ghi ngày ban hành cần ghi năm của dự thảo."
ERR_SUMMARY = "Thiếu trích yếu nội dung văn bản."
ERR_BODY = "Văn bản chưa có nội dung."
ERR_SIGNER_TITLE = "Thiếu chức vụ của người ký (ví dụ: PHÓ CHỦ TỊCH)."
ERR_SIGNER_NAME = "Thiếu họ và tên người ký."
ERR_ARCHIVE = "Thiếu dòng lưu văn bản ở Nơi nhận (ví dụ: VT, VHXH)."
ERR_RECIPIENT_EMPTY = "Nơi nhận thứ {n} để trống."
ERR_SECTION_TITLE = "Mục {where} thiếu tiêu đề."
ERR_SECTION_DEPTH = "Mục {where} quá sâu: văn bản chia tối đa ba cấp (I., 1., a))."
ERR_PARAGRAPH_EMPTY = "Đoạn văn thứ {n} trong {where} để trống."
ERR_TABLE_COLUMNS = "Bảng thứ {n} trong {where} chưa có cột."
ERR_TABLE_COLUMN_TITLE = "Bảng thứ {n} trong {where}: cột thứ {col} thiếu tên."
ERR_TABLE_WIDTH = "Bảng thứ {n} trong {where}: độ rộng cột thứ {col} phải lớn hơn 0."
ERR_TABLE_ROW = "Bảng thứ {n} trong {where}: dòng {row} có {got} ô, cần {want} ô."
ERR_TABLE_CAPTION = "Bảng thứ {n} trong {where} chưa có tên (mỗi bảng trong văn bản có tên và số thứ tự)."
ERR_TABLE_REF = "Đoạn văn thứ {n} trong {where} nhắc tới một bảng không có trong văn bản."
ERR_TO_COMPLETE_EMPTY = "Phần chờ bổ sung thứ {n} trong {where} chưa nói cần viết gì."
ERR_DRAFT_ISSUED = (
    "Văn bản còn {count} phần Phòng chưa viết ({first}): đây là dự thảo, chưa cấp số và ngày ban hành được. "
    "Hãy viết đủ các phần đó rồi tạo lại văn bản."
)

MAX_DEPTH = 3
BODY = "phần nội dung"


class DocumentError(ValueError):
    """The document cannot be written; `problems` lists every reason, in Vietnamese."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _blank(text: str) -> bool:
    return not text.strip()


def document_problems(document: Document) -> list[str]:
    """Everything missing or wrong, in Vietnamese. References to tables (`Run(ref=…)`) must have been
    resolved (numbering.number_tables, which nd30_docx applies before checking)."""
    problems: list[str] = []
    header = document.header
    if not any(line.strip() for line in header.issuer.name_lines):
        problems.append(ERR_ISSUER)
    if _blank(header.symbol):
        problems.append(ERR_SYMBOL)
    if header.number is not None and header.number <= 0:
        problems.append(ERR_NUMBER)
    if _blank(header.place):
        problems.append(ERR_PLACE)
    if header.issued_on is None and header.draft_year is None:
        problems.append(ERR_DRAFT_YEAR)
    if _blank(header.summary):
        problems.append(ERR_SUMMARY)
    waiting = to_complete(document.body)
    if waiting and (header.number is not None or header.issued_on is not None):
        problems.append(ERR_DRAFT_ISSUED.format(count=len(waiting), first=waiting[0].prompt.strip().rstrip(".")))
    if not document.body:
        problems.append(ERR_BODY)
    problems += _blocks_problems(document.body, where=BODY, depth=0, prefix="")
    if _blank(document.signature.title):
        problems.append(ERR_SIGNER_TITLE)
    if _blank(document.signature.name):
        problems.append(ERR_SIGNER_NAME)
    if _blank(document.recipients.archive):
        problems.append(ERR_ARCHIVE)
    for n, item in enumerate(document.recipients.items, start=1):
        if _blank(item):
            problems.append(ERR_RECIPIENT_EMPTY.format(n=n))
    return problems


def document_validate(document: Document) -> None:
    problems = document_problems(document)
    if problems:
        raise DocumentError(problems)


def _blocks_problems(blocks: tuple[Block, ...], *, where: str, depth: int, prefix: str) -> list[str]:
    problems: list[str] = []
    paragraphs = tables = sections = waiting = 0
    for block in blocks:
        if isinstance(block, Section):
            sections += 1
            label = prefix + section_number(min(depth, MAX_DEPTH - 1), sections).rstrip(".)")
            if _blank(block.title):
                problems.append(ERR_SECTION_TITLE.format(where=label))
            if depth >= MAX_DEPTH:
                problems.append(ERR_SECTION_DEPTH.format(where=label))
                continue
            problems += _blocks_problems(block.body, where=f"mục {label}", depth=depth + 1, prefix=f"{label}.")
        elif isinstance(block, Table):
            tables += 1
            problems += _table_problems(block, n=tables, where=where)
        elif isinstance(block, Paragraph):
            paragraphs += 1
            text = block.text if isinstance(block.text, str) else "".join(run.text or run.ref for run in block.text)
            if _blank(text):
                problems.append(ERR_PARAGRAPH_EMPTY.format(n=paragraphs, where=where))
            if not isinstance(block.text, str) and any(run.ref for run in block.text):
                problems.append(ERR_TABLE_REF.format(n=paragraphs, where=where))
        elif isinstance(block, ToComplete):
            waiting += 1
            if _blank(block.prompt):
                problems.append(ERR_TO_COMPLETE_EMPTY.format(n=waiting, where=where))
    return problems


def _table_problems(table: Table, *, n: int, where: str) -> list[str]:
    if not table.columns:
        return [ERR_TABLE_COLUMNS.format(n=n, where=where)]
    problems: list[str] = []
    if _blank(table.title):
        problems.append(ERR_TABLE_CAPTION.format(n=n, where=where))
    for col, column in enumerate(table.columns, start=1):
        if _blank(column.title):
            problems.append(ERR_TABLE_COLUMN_TITLE.format(n=n, where=where, col=col))
        if column.width <= 0:
            problems.append(ERR_TABLE_WIDTH.format(n=n, where=where, col=col))
    want = len(table.columns)
    for row, cells in enumerate(table.rows, start=1):
        if len(cells) != want:
            problems.append(ERR_TABLE_ROW.format(n=n, where=where, row=row, got=len(cells), want=want))
    return problems
