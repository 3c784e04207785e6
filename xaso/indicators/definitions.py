"""Indicators as DHIS2 models them: numerator / denominator × factor, over data elements.

Data elements are the raw figures computed for a unit of the tree (a commune, or one
office, school or village) and a period; an indicator combines two of them. Each target
of a plan names its indicator by key (plans.models.IndicatorKey), so the plan says what
to reach and this module says how it is measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from xaso.plans.models import IndicatorKey


@dataclass(frozen=True)
class DataElement:
    key: str
    name: str
    source: str


E = DataElement
ELEMENTS = {
    e.key: e
    for e in (
        E("activities", "Số hoạt động đã thực hiện", "Hoạt động đã ghi nhận (không tính bản nháp)"),
        E(
            "activities_mass_media",
            "Hoạt động phục vụ nhóm nhiệm vụ 1 (truyền thông đại chúng)",
            "Hoạt động gắn với nhiệm vụ",
        ),
        E("activities_schools", "Hoạt động phục vụ nhóm nhiệm vụ 2 (trường học)", "Hoạt động gắn với nhiệm vụ"),
        E("activities_enterprises", "Hoạt động phục vụ nhóm nhiệm vụ 3 (doanh nghiệp)", "Hoạt động gắn với nhiệm vụ"),
        E("commendations", "Số hoạt động ghi nhận, tôn vinh, khen thưởng", "Hoạt động loại “Ghi nhận, tôn vinh”"),
        E("trainings", "Số chương trình đào tạo, bồi dưỡng", "Hoạt động loại “Đào tạo, bồi dưỡng”"),
        E("publications", "Số tin bài, bài đăng, buổi phát thanh", "Hoạt động loại tin bài, mạng xã hội, truyền thanh"),
        E("participants", "Tổng số lượt người tham dự", "Số người tham dự của các hoạt động"),
        E("reach", "Tổng lượt xem, lượt nghe đã biết", "Lượt xem, nghe ghi trên hoạt động"),
        E("section_months", "Số tháng chuyên mục có tin bài, bài đăng", "Hoạt động loại tin bài, mạng xã hội"),
        E(
            "section_months_due",
            "Số tháng phải duy trì chuyên mục",
            "Từ tháng ban hành kế hoạch đến hết kỳ (hoặc đến nay)",
        ),
        E(
            "officials_registered",
            "Số cán bộ, công chức, viên chức, NLĐ",
            "Danh sách cán bộ của đơn vị (đang công tác)",
        ),
        E(
            "officials_informed",
            "Số cán bộ, công chức, viên chức, NLĐ đã được phổ biến",
            "Danh sách tham dự hoạt động, xác nhận đã được phổ biến và hoàn thành khóa học trực tuyến về Nghị quyết 57",
        ),
        E("officers_registered", "Số cán bộ chuyên trách truyền thông, thông tin cơ sở", "Danh sách cán bộ của đơn vị"),
        E(
            "officers_trained",
            "Số cán bộ chuyên trách đã được đào tạo chuyên sâu",
            "Danh sách tham dự hoạt động loại “Đào tạo, bồi dưỡng” và hoàn thành khóa đào tạo chuyên sâu trực tuyến",
        ),
        E("documents_listed", "Số văn bản chỉ đạo phải cung cấp", "Danh mục văn bản chỉ đạo của xã"),
        E(
            "documents_provided",
            "Số văn bản chỉ đạo đã được đăng, phát",
            "Tin bài, bài đăng, buổi phát thanh gắn với văn bản",
        ),
        E("science_tasks_listed", "Số nhiệm vụ KH&CN dùng ngân sách (trừ bí mật nhà nước)", "Danh mục nhiệm vụ KH&CN"),
        E(
            "science_tasks_communicated",
            "Số nhiệm vụ KH&CN đã được truyền thông",
            "Tin bài, bài đăng, buổi phát thanh gắn với nhiệm vụ",
        ),
        E("residents_total", "Số nhân khẩu của các thôn", "Dân số, truyền thanh của thôn"),
        E(
            "residents_reached",
            "Số người dân được tiếp cận qua hệ thống thông tin cơ sở",
            "Cụm loa của thôn × phát thanh đều đặn; số người dân dự hoạt động ở thôn",
        ),
        E("quality_checks", "Số tiêu chí duy trì, nâng cao chất lượng", "Ba tiêu chí cố định"),
        E("quality_checks_met", "Số tiêu chí đã đạt", "Hoạt động đã ghi nhận của kỳ này và kỳ trước"),
    )
}


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    numerator: DataElement
    denominator: DataElement | None
    factor: int
    unit: str
    method: str

    @property
    def is_percentage(self) -> bool:
        return self.factor == 100


def _indicator(key: str, name: str, numerator: str, denominator: str | None, method: str) -> Indicator:
    return Indicator(
        key=key,
        name=name,
        numerator=ELEMENTS[numerator],
        denominator=ELEMENTS[denominator] if denominator else None,
        factor=100 if denominator else 1,
        unit="%" if denominator else "hoạt động",
        method=method,
    )


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        _indicator(
            IndicatorKey.SECTION_MAINTAINED,
            "Chuyên mục được duy trì",
            "section_months",
            "section_months_due",
            "Kế hoạch đã ban hành; chuyên mục được coi là duy trì trong một tháng khi tháng đó có ít nhất một "
            "tin bài trên trang thông tin điện tử hoặc bài đăng mạng xã hội đã ghi nhận. Tính từ tháng ban hành "
            "kế hoạch đến hết kỳ (kỳ đang diễn ra: đến tháng hiện tại). Đạt khi 100% số tháng có tin bài.",
        ),
        _indicator(
            IndicatorKey.OFFICIALS_INFORMED_PCT,
            "Tỷ lệ cán bộ, công chức, viên chức, người lao động được tuyên truyền, phổ biến",
            "officials_informed",
            "officials_registered",
            "Mẫu số: người đang công tác trong danh sách cán bộ của các đơn vị. Tử số: những người, từ đầu "
            "chương trình đến hết kỳ, có tên trong danh sách tham dự một hoạt động đã ghi nhận, đã ký xác "
            "nhận được phổ biến, hoặc đã hoàn thành một khóa học trực tuyến tính vào chỉ tiêu này (mục Học tập: "
            "khóa “Nghị quyết 57 và Kế hoạch 33/KH-UBND”).",
        ),
        _indicator(
            IndicatorKey.GUIDING_DOCUMENTS_PCT,
            "Tỷ lệ văn bản chỉ đạo được cung cấp trên nền tảng số, phương tiện thông tin đại chúng, mạng xã hội",
            "documents_provided",
            "documents_listed",
            "Mẫu số: văn bản trong danh mục văn bản chỉ đạo của xã ban hành đến hết kỳ. Tử số: những văn bản "
            "đó đã được đăng, phát ít nhất một lần (tin bài, bài đăng mạng xã hội hoặc buổi phát thanh đã ghi "
            "nhận, có gắn văn bản) đến hết kỳ.",
        ),
        _indicator(
            IndicatorKey.HONOUR_ACTIVITIES,
            "Số hoạt động ghi nhận, tôn vinh",
            "commendations",
            None,
            "Đếm các hoạt động loại “Ghi nhận, tôn vinh, khen thưởng” đã ghi nhận, diễn ra trong kỳ.",
        ),
        _indicator(
            IndicatorKey.QUALITY_MAINTAINED,
            "Duy trì, nâng cao chất lượng, hiệu quả công tác truyền thông",
            "quality_checks_met",
            "quality_checks",
            "Ba tiêu chí: (1) số hoạt động của kỳ không ít hơn kỳ trước (kỳ đang diễn ra: so theo tỷ lệ thời "
            "gian đã qua); (2) cả ba nhóm nhiệm vụ (truyền thông đại chúng, trường học, doanh nghiệp) đều có "
            "hoạt động trong kỳ; (3) chuyên mục có tin bài mọi tháng phải duy trì của kỳ. Đạt khi đủ 3/3.",
        ),
        _indicator(
            IndicatorKey.TRAINING_ACTIVITIES,
            "Số chương trình đào tạo, bồi dưỡng",
            "trainings",
            None,
            "Đếm các hoạt động loại “Đào tạo, bồi dưỡng” đã ghi nhận, diễn ra trong kỳ.",
        ),
        _indicator(
            IndicatorKey.STATE_TASKS_COMMUNICATED_PCT,
            "Tỷ lệ nhiệm vụ KH&CN sử dụng ngân sách nhà nước được truyền thông",
            "science_tasks_communicated",
            "science_tasks_listed",
            "Mẫu số: nhiệm vụ trong danh mục nhiệm vụ KH&CN của xã, không thuộc bí mật nhà nước, bắt đầu đến "
            "hết kỳ. Tử số: những nhiệm vụ đã được giới thiệu ít nhất một lần qua tin bài, bài đăng mạng xã hội "
            "hoặc buổi phát thanh đã ghi nhận đến hết kỳ.",
        ),
        _indicator(
            IndicatorKey.RESIDENTS_REACHED_PCT,
            "Tỷ lệ người dân tiếp cận thông tin qua hệ thống thông tin cơ sở",
            "residents_reached",
            "residents_total",
            "Phương pháp phủ sóng: nhân khẩu của thôn có cụm loa được tính là đã tiếp cận khi trong kỳ xã phát "
            "thanh về chủ đề đều đặn (mỗi quý đã qua của kỳ ít nhất một buổi phát thanh đã ghi nhận). Thôn không "
            "có cụm loa, hoặc khi phát thanh chưa đều: tính số người dân đã dự các hoạt động do thôn tổ chức "
            "trong kỳ, không vượt quá số nhân khẩu của thôn. Lượt xem, lượt nghe trên mạng không cộng vào vì "
            "không phân biệt được người xem lặp lại; chúng được hiển thị riêng để tham khảo.",
        ),
        _indicator(
            IndicatorKey.OFFICERS_TRAINED_PCT,
            "Tỷ lệ cán bộ chuyên trách truyền thông, thông tin cơ sở được đào tạo chuyên sâu",
            "officers_trained",
            "officers_registered",
            "Mẫu số: người đang công tác được đánh dấu “chuyên trách truyền thông, thông tin cơ sở” trong danh "
            "sách cán bộ. Tử số: những người đó có tên trong danh sách tham dự một hoạt động loại “Đào tạo, "
            "bồi dưỡng” đã ghi nhận, hoặc đã hoàn thành một khóa học trực tuyến tính vào chỉ tiêu này (mục Học "
            "tập: khóa đào tạo chuyên sâu cho cán bộ chuyên trách), từ đầu chương trình đến hết kỳ.",
        ),
        _indicator(
            "activities",
            "Số hoạt động đã thực hiện",
            "activities",
            None,
            "Đếm mọi hoạt động đã ghi nhận (không tính bản nháp) có ngày thực hiện trong kỳ.",
        ),
        _indicator(
            "activities_mass_media",
            "Số hoạt động nhóm 1: truyền thông đại chúng, thông tin cơ sở, mạng xã hội",
            "activities_mass_media",
            None,
            "Đếm hoạt động đã ghi nhận trong kỳ phục vụ ít nhất một nhiệm vụ của nhóm 1.",
        ),
        _indicator(
            "activities_schools",
            "Số hoạt động nhóm 2: trường học",
            "activities_schools",
            None,
            "Đếm hoạt động đã ghi nhận trong kỳ phục vụ ít nhất một nhiệm vụ của nhóm 2.",
        ),
        _indicator(
            "activities_enterprises",
            "Số hoạt động nhóm 3: doanh nghiệp",
            "activities_enterprises",
            None,
            "Đếm hoạt động đã ghi nhận trong kỳ phục vụ ít nhất một nhiệm vụ của nhóm 3.",
        ),
    )
}

# Indicators compared with a target's milestone count towards "done" by reaching 100%.
COUNT_INDICATORS = frozenset(key for key, indicator in INDICATORS.items() if not indicator.is_percentage)
