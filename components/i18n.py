"""Every label the app shows, in Thai (default) and English. Pages never hard-code display text."""

from __future__ import annotations

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Tambon Atlas — แผนที่ข้อมูลชุมชนระดับตำบล", "Tambon Atlas — community data map by tambon"),
    "app_short": ("Tambon Atlas", "Tambon Atlas"),
    "nav_home": ("หน้าแรก", "Home"),
    "nav_catalogue": ("ตัวชี้วัด", "Indicators"),
    "nav_about": ("เกี่ยวกับข้อมูล", "About the data"),
    "language": ("ภาษา / Language", "ภาษา / Language"),
    "demo_banner": ("ไม่ใช่ข้อมูลครัวเรือนจริง", "not real households"),
    "demo_mark": ("ข้อมูลสาธิต (สังเคราะห์) / synthetic demo data", "ข้อมูลสาธิต (สังเคราะห์) / synthetic demo data"),
    "not_ready": (
        "ฐานข้อมูลยังไม่พร้อม: รัน `make run` (หรือ `python -m data_access.seed`) เพื่อสร้างและเติมข้อมูล",
        "The database is not set up yet: run `make run` (or `python -m data_access.seed`) to seed it",
    ),
    "db_error": ("เชื่อมต่อฐานข้อมูลไม่ได้", "Cannot reach the database"),
    "home_intro": (
        "ภาพรวมข้อมูลตัวชี้วัดชุมชนที่โหลดอยู่ในระบบ เพื่อค้นหา บันทึก และส่งต่อความช่วยเหลือครัวเรือนยากจน",
        "What community-indicator data is loaded, to find, record and refer poor households to help",
    ),
    "kpi_provinces": ("จังหวัดที่มีข้อมูล", "Provinces with data"),
    "kpi_years": ("ปีสำรวจ (พ.ศ.)", "Survey years (B.E.)"),
    "kpi_households": ("ครัวเรือนที่สำรวจ ปี {year}", "Households, {year}"),
    "kpi_target_poor": ("คนจนเป้าหมาย ปี {year}", "Target poor, {year}"),
    "kpi_target_poor_rate": ("ร้อยละคนจนเป้าหมาย ปี {year}", "Target poor rate, {year}"),
    "kpi_change_help": ("เปลี่ยนแปลงจากปี {year}", "Change from {year}"),
    "kpi_target_poor_help": (
        "คนในครัวเรือนที่ขาดแคลนอย่างน้อย 1 มิติของ TPMAP และถือบัตรสวัสดิการแห่งรัฐ",
        "People in households deprived in at least one TPMAP dimension and holding the welfare card",
    ),
    "people_unit": ("คน", "people"),
    "households_unit": ("ครัวเรือน", "households"),
    "loaded_by_province": ("ข้อมูลรายจังหวัดและปีสำรวจ", "Data by province and survey year"),
    "col_province": ("จังหวัด", "Province"),
    "col_year": ("ปี พ.ศ.", "Year (B.E.)"),
    "col_households": ("ครัวเรือน", "Households"),
    "col_people": ("ประชากร", "People"),
    "col_target_poor": ("คนจนเป้าหมาย (คน)", "Target poor (people)"),
    "col_target_poor_rate": ("ร้อยละคนจนเป้าหมาย", "Target poor rate (%)"),
    "col_tambons": ("ตำบลที่มีข้อมูล", "Tambons with data"),
    "boundaries_loaded": (
        "ขอบเขตการปกครอง: {province:,} จังหวัด {amphoe:,} อำเภอ {tambon:,} ตำบล",
        "Administrative boundaries: {province:,} provinces, {amphoe:,} amphoe, {tambon:,} tambons",
    ),
    "records_loaded": (
        "ระเบียนครัวเรือน (ครัวเรือน × ปีสำรวจ): {n:,}",
        "Household records (households × survey years): {n:,}",
    ),
    "source": ("แหล่งข้อมูล", "Data source"),
    "no_data_yet": (
        "ยังไม่มีข้อมูลตัวชี้วัด นำเข้าข้อมูลหรือรัน `python -m data_access.seed`",
        "No indicator data yet: import data or run `python -m data_access.seed`",
    ),
    "catalogue_intro": (
        "ตัวชี้วัดทั้งหมดในระบบ จัดกลุ่มตามมิติ พร้อมนิยาม หน่วย และทิศทาง (ค่าสูงแย่ลง/ดีขึ้น)",
        "Every indicator in the system, grouped by dimension, with definition, unit and direction",
    ),
    "filter_dimension": ("มิติ", "Dimension"),
    "all_dimensions": ("ทุกมิติ", "All dimensions"),
    "search": ("ค้นหา (ไทยหรืออังกฤษ)", "Search (Thai or English)"),
    "indicators_found": ("พบ {n} ตัวชี้วัด", "{n} indicators"),
    "col_code": ("รหัส", "Code"),
    "col_name": ("ชื่อ", "Name"),
    "col_dimension": ("มิติ", "Dimension"),
    "col_unit": ("หน่วย", "Unit"),
    "col_polarity": ("ทิศทาง", "Direction"),
    "col_set": ("ชุดตัวชี้วัด", "Indicator set"),
    "col_source": ("ที่มา", "Source"),
    "definitions": ("นิยามตัวชี้วัด", "Definitions"),
    "higher_worse": ("ค่าสูง = แย่", "higher is worse"),
    "higher_better": ("ค่าสูง = ดี", "higher is better"),
    "unit_percent": ("ร้อยละ", "percent"),
    "unit_count": ("จำนวน", "count"),
    "unit_baht": ("บาท", "baht"),
    "unit_score": ("คะแนน", "score"),
    "unit_index": ("ดัชนี", "index"),
    "invalid_param": (
        "พารามิเตอร์ในลิงก์ไม่ถูกต้อง: {name}={value} — ใช้ค่าเริ่มต้นแทน",
        "Invalid link parameter: {name}={value} — using the default instead",
    ),
}


def t(key: str, lang: str, **values) -> str:
    """The label `key` in `lang` ('th' or 'en'), formatted with `values`."""
    thai, english = TEXT[key]
    text = english if lang == "en" else thai
    return text.format(**values) if values else text
