"""Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I): DOCX, PDF, XLSX.

The pure API (no database) lives in these modules and is re-exported by `xaso.documents.api`:
model.py (the declarative document), writer.py (nd30_docx), pdf.py (docx_to_pdf), xlsx.py
(xlsx_annex). Background rendering with progress: builders.py, services.py, tasks.py, models.py.
"""
