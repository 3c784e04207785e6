"""Named people of the demo commune, one per role, plus an outsider who must see nothing.

Tests load the demo organisation and seed plan (xaso.demo) and log in as these people:
    lan   — Phòng Văn hóa - Xã hội, programme owner of xã Hoàng Văn Thụ
    hung  — Phó Chủ tịch UBND xã, leader (approves and signs)
    mai   — Trường THCS, unit reporter
    ha    — Trường Tiểu học, unit reporter (another school)
    son   — Trưởng thôn Nà Pàn, unit reporter of a village
    tuan  — Phòng Kinh tế, unit reporter of an office
    linh  — portal editor
    quang — Sở KH&CN tỉnh Lạng Sơn, province viewer
    hoa   — Sở KH&CN tỉnh Lạng Sơn, province administrator (reads as a viewer, brings communes on board)
    thu   — programme owner of another commune (xã Tân Thanh)
    outsider — an account with no role anywhere
"""

from __future__ import annotations

PERSONAS = {
    "lan": "vhxh.lan",
    "hung": "pct.hung",
    "mai": "thcs.mai",
    "ha": "tieuhoc.ha",
    "son": "thon.napan",
    "tuan": "kinhte.tuan",
    "linh": "bientap.linh",
    "quang": "so.khcn",
    "hoa": "so.quantri",
    "thu": "tt.vhxh",
    "outsider": "nguoingoai",
}
