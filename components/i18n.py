"""Every label the app shows, in Thai (default) and English. Pages never hard-code display text."""

from __future__ import annotations

from components.text_access import ACCESS_TEXT
from components.text_fieldwork import FIELDWORK_TEXT
from components.text_import import IMPORT_TEXT
from components.text_levels import LEVELS_TEXT
from components.text_present import PRESENT_TEXT
from components.text_research import RESEARCH_TEXT

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
    "map_download_html": ("ดาวน์โหลดแผนที่ (HTML ใช้ได้แบบออฟไลน์)", "Download map (HTML, works offline)"),
    "map_download_html_help": (
        "ไฟล์เดียวเปิดด้วยเบราว์เซอร์ได้ทันที ไม่ต้องใช้อินเทอร์เน็ต เหมาะส่งทาง LINE หรือ USB",
        "One file that opens in any browser with no internet: for a LINE group or a USB stick",
    ),
    "db_down": (
        "เชื่อมต่อฐานข้อมูลไม่ได้ในขณะนี้ ข้อมูลที่บันทึกไว้ไม่สูญหาย กรุณาลองใหม่อีกครั้งในอีกสักครู่ หากยังเป็นอยู่ โปรดแจ้งผู้ดูแลระบบ",
        "The database cannot be reached right now. Nothing stored is lost; please try again in a moment, "
        "and tell the administrator if it goes on.",
    ),
    "db_busy": (
        "ฐานข้อมูลกำลังทำงานหนัก (เช่น มีการนำเข้าข้อมูล) จึงตอบไม่ทันเวลา กรุณาลองใหม่อีกครั้งในอีกสักครู่",
        "The database is busy (an import may be running) and did not answer in time; please try again "
        "in a moment.",
    ),
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
    "nav_map": ("แผนที่", "Map"),
    "map_title": ("แผนที่ตัวชี้วัด", "Indicator map"),
    "country": ("ประเทศไทย", "Thailand"),
    "whole_country": ("ทั้งประเทศ", "Whole country"),
    "province": ("จังหวัด", "Province"),
    "amphoe": ("อำเภอ", "Amphoe"),
    "all_amphoe": ("ทุกอำเภอ", "All amphoe"),
    "level": ("ระดับพื้นที่", "Area level"),
    "level_province": ("จังหวัด", "Provinces"),
    "level_amphoe": ("อำเภอ", "Amphoe"),
    "level_tambon": ("ตำบล", "Tambons"),
    "indicator": ("ตัวชี้วัด", "Indicator"),
    "year": ("ปีสำรวจ (พ.ศ.)", "Survey year (B.E.)"),
    "no_data_suffix": ("(ไม่มีข้อมูล)", "(no data)"),
    "scheme": ("วิธีแบ่งช่วง", "Classification"),
    "scheme_quantiles": ("ควอนไทล์ (จำนวนพื้นที่เท่ากัน)", "Quantiles (equal counts)"),
    "scheme_natural_breaks": ("ช่วงธรรมชาติ (Fisher-Jenks)", "Natural breaks (Fisher-Jenks)"),
    "scheme_equal_interval": ("ช่วงเท่ากัน", "Equal intervals"),
    "scheme_manual": ("กำหนดเอง", "Manual breaks"),
    "classes": ("จำนวนช่วง", "Classes"),
    "breaks": ("ขอบบนของแต่ละช่วง คั่นด้วยจุลภาค", "Upper bound of each class, comma-separated"),
    "bad_breaks": (
        "ขอบช่วงต้องเป็นตัวเลขเรียงจากน้อยไปมาก เช่น 1, 2.5, 5",
        "Breaks must be increasing numbers, e.g. 1, 2.5, 5",
    ),
    "compare": ("เปรียบเทียบ", "Compare"),
    "compare_none": ("แผนที่เดียว", "Single map"),
    "compare_years": ("สองปี", "Two years"),
    "compare_indicators": ("สองตัวชี้วัด", "Two indicators"),
    "compare_change": ("แผนที่การเปลี่ยนแปลง", "Change map"),
    "compare_hotspots": ("จุดร้อน-จุดเย็น (LISA)", "Hot and cold spots (LISA)"),
    "hot_HH": ("จุดร้อน: สูงล้อมรอบด้วยสูง", "Hot spot: high among high"),
    "hot_HL": ("สูงท่ามกลางต่ำ", "High among low"),
    "hot_LH": ("ต่ำท่ามกลางสูง", "Low among high"),
    "hot_LL": ("จุดเย็น: ต่ำล้อมรอบด้วยต่ำ", "Cold spot: low among low"),
    "hot_ns": ("ไม่มีนัยสำคัญ", "Not significant"),
    "hot_island": ("ไม่มีพื้นที่ติดกัน", "No neighbour shown"),
    "hot_global": (
        "Moran's I ทั้งพื้นที่ = {i} (p = {p}, สุ่ม {n} ครั้ง)",
        "Global Moran's I = {i} (p = {p}, {n} permutations)",
    ),
    "hot_caption": (
        "Local Moran's I เทียบแต่ละพื้นที่กับพื้นที่ที่มีเขตติดกัน (queen) ระดับนัยสำคัญ {alpha} "
        "ค่าสุ่มคงที่ (seed {seed}) ลิงก์เดิมจึงได้แผนที่เดิม ดูข้อจำกัดในหน้าวิธีการ",
        "Local Moran's I compares each area with the areas that touch it (queen contiguity), at "
        "significance {alpha}, with a fixed seed ({seed}) so a link always draws the same map; see the "
        "methodology for its limits.",
    ),
    "hot_too_few": (
        "มีพื้นที่ที่มีค่าและมีเขตติดกันน้อยเกินไปสำหรับการหาจุดร้อน",
        "Too few areas with a value and a shared border to look for hot spots.",
    ),
    "year2": ("ปีที่เปรียบเทียบ", "Compare with year"),
    "indicator2": ("ตัวชี้วัดที่เปรียบเทียบ", "Compare with indicator"),
    "labels": ("แสดงชื่อพื้นที่", "Show area names"),
    "basemap": ("แผนที่ฐาน (ต้องใช้อินเทอร์เน็ต)", "Basemap (needs internet)"),
    "up_one_level": ("ขึ้นหนึ่งระดับ", "Up one level"),
    "tip_parts": ("ตัวตั้ง / ตัวหาร", "Numerator / denominator"),
    "tip_no_data": ("ไม่มีข้อมูล", "No data"),
    "tip_rank": ("อันดับในพื้นที่แม่ (1 = น่าห่วงที่สุด)", "Rank within parent (1 = most in need)"),
    "change_title": ("การเปลี่ยนแปลง {a} → {b}", "Change {a} → {b}"),
    "map_help": (
        "คลิกอำเภอเพื่อดูตำบล คลิกตำบลเพื่อดูรายละเอียด ชี้เมาส์เพื่อดูค่า",
        "Click an amphoe to see its tambons, a tambon for its details; hover for values",
    ),
    "areas_with_data": ("พื้นที่ที่มีข้อมูล {n:,} จาก {total:,}", "{n:,} of {total:,} areas have data"),
    "detail_title": ("ต.{name} · อ.{amphoe} · จ.{province}", "{name}, {amphoe}, {province}"),
    "detail_close": ("ปิดรายละเอียด", "Close details"),
    "col_tambon": ("ตำบล", "Tambon"),
    "col_amphoe": ("อำเภอ", "Amphoe"),
    "col_value": ("ค่า", "Value"),
    "dimension_chart": ("คนจนเป้าหมายรายมิติ (ร้อยละของประชากร)", "Target poor by dimension (% of people)"),
    "all_indicators": ("ตัวชี้วัดทั้งหมดของตำบล", "Every indicator of the tambon"),
    "table_truncated": (
        "แสดง {n} แถวแรก (อันดับน่าห่วงที่สุดในแต่ละพื้นที่แม่ก่อน)",
        "Showing the first {n} rows (areas most in need within their parent first)",
    ),
    "map_table": ("ค่าของพื้นที่บนแผนที่", "Values of the areas on the map"),
    "col_area": ("พื้นที่", "Area"),
    "col_numerator": ("ตัวตั้ง", "Numerator"),
    "col_denominator": ("ตัวหาร", "Denominator"),
    "col_rank": ("อันดับ", "Rank"),
    "nav_poverty": ("ความยากจน", "Poverty"),
    "poverty_title": ("ความยากจนรายพื้นที่", "Poverty by area"),
    "tambon": ("ตำบล", "Tambon"),
    "all_tambon": ("ทุกตำบล", "All tambons"),
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
    "pov_before": ("ปี {year}", "{year}"),
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
    "col_households_n": ("ครัวเรือน", "Households"),
    "invalid_param": (
        "พารามิเตอร์ในลิงก์ไม่ถูกต้อง: {name}={value} — ใช้ค่าเริ่มต้นแทน",
        "Invalid link parameter: {name}={value} — using the default instead",
    ),
    **RESEARCH_TEXT,
    **PRESENT_TEXT,
    **IMPORT_TEXT,
    **ACCESS_TEXT,
    **LEVELS_TEXT,
    **FIELDWORK_TEXT,
}


def t(key: str, lang: str, **values) -> str:
    """The label `key` in `lang` ('th' or 'en'), formatted with `values`."""
    thai, english = TEXT[key]
    text = english if lang == "en" else thai
    return text.format(**values) if values else text
