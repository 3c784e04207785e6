"""The document layer in one import: `from xaso.documents.api import nd30_docx, Document, ...`."""

from xaso.documents.builders import BuildError, Rendering, register_builder
from xaso.documents.model import (
    Cell,
    Column,
    Document,
    DocumentHeader,
    Issuer,
    Paragraph,
    Recipients,
    Run,
    Section,
    SignatureBlock,
    Table,
)
from xaso.documents.pdf import PdfConversionError, docx_to_pdf, xlsx_to_pdf
from xaso.documents.validation import DocumentError, document_problems, document_validate
from xaso.documents.writer import nd30_docx
from xaso.documents.xlsx import AnnexError, Sheet, xlsx_annex

__all__ = [
    "AnnexError",
    "BuildError",
    "Cell",
    "Column",
    "Document",
    "DocumentError",
    "DocumentHeader",
    "Issuer",
    "Paragraph",
    "PdfConversionError",
    "Recipients",
    "Rendering",
    "Run",
    "Section",
    "Sheet",
    "SignatureBlock",
    "Table",
    "document_problems",
    "document_validate",
    "docx_to_pdf",
    "nd30_docx",
    "register_builder",
    "xlsx_annex",
    "xlsx_to_pdf",
]
