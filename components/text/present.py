"""Labels of the governor's overview, area sets, presentation mode and the deck exports."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "nav_overview": ("ภาพรวมจังหวัด", "Province overview"),
    "nav_present": ("โหมดนำเสนอ", "Presentation"),
    "nav_sets": ("ชุดพื้นที่", "Area sets"),
    # slides
    "pr_title_sub": ("สถานการณ์ความยากจน ปีสำรวจ {year}", "Poverty situation, survey year {year}"),
    "pr_units": ("พื้นที่", "Areas"),
    "pr_map_title": ("แผนที่ร้อยละคนจนเป้าหมาย", "Target poor rate map"),
    "pr_headline_title": ("ตัวเลขสำคัญ ปี {year}", "Headline figures, {year}"),
    "pr_change": ("{diff} จากปี {year}", "{diff} since {year}"),
    "pr_dimensions_title": ("คนจนเป้าหมายรายมิติ (ร้อยละของประชากร)", "Target poor by dimension (% of people)"),
    "pr_dim_health": ("สุขภาพ", "Health"),
    "pr_dim_living": ("ความเป็นอยู่", "Living standards"),
    "pr_dim_education": ("การศึกษา", "Education"),
    "pr_dim_income": ("รายได้", "Income"),
    "pr_dim_access": ("การเข้าถึงบริการรัฐ", "Access to services"),
    "pr_rank": (
        "อันดับ {rank} จาก {n} ตาม{indicator} (1 = น่าห่วงที่สุด)",
        "Rank {rank} of {n} by {indicator} (1 = most in need)",
    ),
    "level_tambon_one": ("ตำบล", "Tambon "),
    "level_amphoe_one": ("อำเภอ", "Amphoe "),
    # presentation page
    "pr_choose": ("นำเสนอ", "Present"),
    "pr_prev": ("ก่อนหน้า", "Previous"),
    "pr_next": ("ถัดไป", "Next"),
    "pr_full_screen": ("เต็มจอ (F)", "Full screen (F)"),
    "pr_exit": ("ออกจากโหมดนำเสนอ", "Leave presentation"),
    "pr_download_pptx": ("ดาวน์โหลด PowerPoint (PPTX)", "Download PowerPoint (PPTX)"),
    "pr_download_pdf": ("ดาวน์โหลด PDF", "Download PDF"),
    "pr_download_png": ("ดาวน์โหลดภาพ PNG", "Download PNG"),
    "pr_nothing": (
        "เลือกชุดพื้นที่หรือพื้นที่ที่จะนำเสนอ (ลิงก์: ?set=<หมายเลข> หรือ ?province=33)",
        "Choose an area set or an area to present (link: ?set=<number> or ?province=33)",
    ),
    # area sets
    "set_filter": ("ชุดพื้นที่", "Area set"),
    "set_none": ("— ไม่กรอง —", "— no filter —"),
    "set_intro": (
        "ชุดพื้นที่คือรายชื่อตำบลที่บันทึกไว้ เช่น ตำบลในบันทึกข้อตกลง (MOU) ทุกหน้ากรองตามชุดได้ด้วยพารามิเตอร์ set",
        "An area set is a saved list of tambons, e.g. the tambons of an MOU; pages filter to a set with "
        "the set parameter",
    ),
    "set_name": ("ชื่อชุด", "Set name"),
    "set_members": ("ตำบลในชุด", "Tambons in the set"),
    "set_create": ("สร้างชุดใหม่", "Create a set"),
    "set_rename": ("เปลี่ยนชื่อ", "Rename"),
    "set_save_members": ("บันทึกรายชื่อตำบล", "Save tambons"),
    "set_delete": ("ลบชุดนี้", "Delete this set"),
    "set_delete_confirm": ("ยืนยันการลบ", "Confirm deletion"),
    "set_created": ("สร้างชุด “{name}” แล้ว", "Created “{name}”"),
    "set_renamed": ("เปลี่ยนชื่อเป็น “{name}” แล้ว", "Renamed to “{name}”"),
    "set_saved": ("บันทึกแล้ว", "Saved"),
    "set_deleted": ("ลบชุดแล้ว", "Set deleted"),
    "set_edit": ("แก้ไขชุด", "Edit a set"),
    "set_present": ("นำเสนอชุดนี้", "Present this set"),
    "set_open_overview": ("ดูภาพรวมของชุดนี้", "Overview of this set"),
    "set_open_table": ("ตารางของชุดนี้", "Table of this set"),
    "set_table_note": ("กรองเฉพาะ {n} ตำบลในชุด “{name}”", "Only the {n} tambons of “{name}”"),
    # overview
    "ov_title": ("ภาพรวมจังหวัดสำหรับผู้บริหาร", "Province overview"),
    "ov_intro": (
        "ตัวเลขหลักของจังหวัดหรือชุดพื้นที่ในปีที่เลือก เทียบกับปีสำรวจก่อนหน้า คลิกเพื่อเปิดแผนที่ ความยากจน หรือตาราง",
        "Headline figures of the province or area set for the chosen year against the previous survey; "
        "click through to the map, poverty and table pages",
    ),
    "ov_map": ("แผนที่ตัวชี้วัดหลัก", "Map of the headline indicator"),
    "ov_top": ("10 ตำบลที่น่าห่วงที่สุด", "Ten tambons most in need"),
    "ov_rank_by": ("จัดอันดับตาม", "Rank by"),
    "ov_dimensions": ("คนจนเป้าหมายรายมิติ", "Target poor by dimension"),
    "ov_trend": ("แนวโน้มตามปีสำรวจ", "Trend over the survey years"),
    "ov_amphoe": ("เปรียบเทียบรายอำเภอ", "Amphoe comparison"),
    "ov_provinces": ("เปรียบเทียบรายจังหวัด", "Province comparison"),
    "ov_units": ("เปรียบเทียบตำบลในชุด", "Tambons of the set compared"),
    "ov_click_hint": ("คลิกแท่งเพื่อเปิดหน้าความยากจนของพื้นที่นั้น", "Click a bar to open that area's poverty page"),
    "ov_open_map": ("แผนที่", "Map"),
    "ov_open_poverty": ("ความยากจน", "Poverty"),
    "ov_open_table": ("ตาราง", "Table"),
    "ov_open_present": ("นำเสนอ", "Present"),
}
