"""Labels of the poverty page: headline figures, MPI, dimensions, status classes, settings."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "nav_poverty": ("ความยากจน", "Poverty"),
    "poverty_title": ("ความยากจนรายพื้นที่", "Poverty by area"),
    "pov_people_surveyed": ("ประชากรที่สำรวจ", "People surveyed"),
    "pov_target_poor": ("คนจนเป้าหมาย (คน)", "Target poor (people)"),
    "pov_target_poor_rate": ("ร้อยละคนจนเป้าหมาย", "Target poor rate"),
    "pov_mpi_h": ("สัดส่วนคนจนหลายมิติ H", "MPI incidence H"),
    "pov_mpi_a": ("ความรุนแรง A", "Intensity A"),
    "pov_mpi_m0": ("ดัชนี M0 = H × A", "M0 = H × A"),
    "pov_mpi_help": (
        "ครัวเรือนยากจนหลายมิติเมื่อคะแนนความขาดแคลนถ่วงน้ำหนัก ≥ เกณฑ์ k; ครัวเรือนที่มีตัวชี้วัดไม่ได้ประเมินไม่ถูกนับ",
        "A household is MPI-poor when its weighted deprivation score ≥ the cutoff k; households with an "
        "indicator not assessed are left out",
    ),
    "pov_dimensions": ("คนจนเป้าหมายรายมิติ (ร้อยละของประชากร)", "Target poor by dimension (% of people)"),
    "pov_radar": ("เทียบกับพื้นที่แม่", "Compared with the parent area"),
    "pov_contributions": ("สัดส่วนการมีส่วนต่อ M0 รายตัวชี้วัด", "Contribution of each indicator to M0"),
    "pov_contrib_dims": ("รายมิติ", "By dimension"),
    "pov_status": ("สถานะครัวเรือนตามทุน 5 ด้าน", "Household status from the five capitals"),
    "pov_transitions": ("การเปลี่ยนสถานะ {a} → {b}", "Status movement {a} → {b}"),
    "pov_improved": ("ดีขึ้น", "Improved"),
    "pov_same": ("เท่าเดิม", "Same"),
    "pov_worse": ("แย่ลง", "Worse"),
    "pov_no_previous": ("ไม่มีปีสำรวจก่อนหน้าให้เปรียบเทียบ", "No earlier survey year to compare with"),
    "pov_children": (
        "จัดอันดับ{level}ตามร้อยละคนจนเป้าหมาย (คลิกเพื่อดูรายละเอียด)",
        "{level} ranked by target poor rate (click to drill in)",
    ),
    "pov_siblings": ("ตำบลในอำเภอเดียวกัน", "Tambons of the same amphoe"),
    "pov_settings": ("ตั้งค่าดัชนีความยากจนหลายมิติ (น้ำหนักและเกณฑ์ k)", "MPI settings (weights and cutoff k)"),
    "pov_settings_help": (
        "ค่าเริ่มต้น: น้ำหนักเท่ากันทุกมิติ (มิติละ 1/5) และเท่ากันภายในมิติ; k = 0.26 ตามดัชนี MPI ของประเทศไทย (สศช.) "
        "ค่าน้ำหนักเป็นค่าสัมพัทธ์ ระบบปรับให้รวมเป็น 1",
        "Defaults: equal weight per dimension (1/5 each), equal within a dimension; k = 0.26 as in "
        "Thailand's national MPI (NESDC). Weights are relative and normalised to sum to 1",
    ),
    "pov_cutoff": ("เกณฑ์ความยากจน k (สัดส่วนของน้ำหนักรวม)", "Poverty cutoff k (share of total weight)"),
    "pov_weight": ("น้ำหนัก {dim}", "Weight {dim}"),
    "pov_indicator_weights": ("กำหนดน้ำหนักรายตัวชี้วัดภายในมิติ", "Set indicator weights within dimensions"),
    "pov_reset": ("คืนค่าเริ่มต้น", "Reset to defaults"),
    "pov_bad_weights": (
        "น้ำหนักใช้ไม่ได้: {error} — ใช้ค่าเริ่มต้นแทน",
        "Weights cannot be used: {error} — using defaults",
    ),
    "pov_open_map": ("เปิดบนแผนที่", "Open on the map"),
    "pov_methodology": ("วิธีการและนิยาม", "Methodology and definitions"),
    "pov_no_households": ("ไม่มีข้อมูลครัวเรือนของพื้นที่นี้ในปีที่เลือก", "No household data for this area and year"),
    "col_weight": ("น้ำหนัก", "Weight"),
    "col_contribution": ("สัดส่วนการมีส่วน (%)", "Contribution (%)"),
}
