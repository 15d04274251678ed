"""Labels of the drill-down table and of the exported files (CSV/XLSX headers and notes)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "nav_table": ("ตารางข้อมูล", "Tables"),
    "nav_explorer": ("สำรวจตัวชี้วัด", "Explorer"),
    "tbl_title": ("ตารางข้อมูลรายพื้นที่", "Drill-down table"),
    "tbl_intro": (
        "หนึ่งแถวต่อพื้นที่ย่อย เลือกแถวเพื่อเจาะลงไป เซลล์สีส้มคือค่าที่แย่กว่าพื้นที่แม่",
        "One row per child area; select a row to drill in. Orange cells are worse than the parent area",
    ),
    "tbl_change_from": ("เทียบการเปลี่ยนแปลงจากปี", "Change from year"),
    "tbl_one_year": ("— ปีเดียว —", "— one year —"),
    "tbl_columns": ("ตัวชี้วัด (คอลัมน์)", "Indicators (columns)"),
    "tbl_search": ("ค้นหาชื่อพื้นที่", "Search area names"),
    "tbl_search_hint": ("ชื่อไทยหรืออังกฤษ หรือรหัส", "Thai or English name, or code"),
    "tbl_sort": ("เรียงตาม", "Sort by"),
    "tbl_sort_code": ("รหัสพื้นที่", "Area code"),
    "tbl_desc": ("มากไปน้อย", "Descending"),
    "tbl_parts": ("แสดงตัวตั้ง/ตัวหาร", "Show numerator / denominator"),
    "tbl_reference": ("ค่าอ้างอิง: {name}", "Reference: {name}"),
    "tbl_row_count": ("{n:,} จาก {total:,} แถว", "{n:,} of {total:,} rows"),
    "tbl_select_hint": ("เลือกแถวเพื่อเจาะลงไป", "select a row to drill in"),
    "tbl_worse_legend": ("แย่กว่าค่าอ้างอิง", "worse than the reference"),
    "tbl_unmarked": (
        "ทำเครื่องหมายเซลล์ที่แย่กว่าค่าอ้างอิงเมื่อมีไม่เกิน {n:,} แถว: ค้นหาหรือเจาะลงเพื่อดู",
        "cells worse than the reference are marked up to {n:,} rows: search or drill in to see them",
    ),
    "tbl_no_rows": ("ไม่มีพื้นที่ที่ตรงกับการค้นหา", "No area matches the search"),
    "tbl_sheet": ("ข้อมูล", "Data"),
    "tbl_about_sheet": ("คำอธิบาย", "About"),
    "map_show_table": ("แสดงตารางค่าใต้แผนที่", "Show the values under the map"),
    "map_open_table": ("เปิดในตารางข้อมูล (เรียง ค้นหา ส่งออก)", "Open in the table (sort, search, export)"),
    "suppressed_cell": ("{small} (ปกปิด: น้อยกว่า {k} ครัวเรือน)", "{small} (hidden: fewer than {k} households)"),
    "suppressed_note": (
        "ค่าที่อิงครัวเรือนน้อยกว่า {k} ครัวเรือนถูกปกปิด (แสดงเป็น {small}) เพื่อคุ้มครองข้อมูลส่วนบุคคล "
        "รวมถึงค่าข้างเคียงที่อาจใช้คำนวณย้อนกลับได้ และจำนวนปัดเป็นพหุคูณของ 5 · ลงชื่อเข้าใช้เพื่อดูค่าเต็ม",
        "Values resting on fewer than {k} households are hidden (shown as {small}) to protect personal data, "
        "with any neighbour that would reveal them by subtraction, and counts are rounded to 5 · sign in to "
        "see them",
    ),
    "tbl_open_map": ("เปิดพื้นที่นี้บนแผนที่", "Open this view on the map"),
    "col_change": ("เปลี่ยนแปลง", "change"),
    "col_definition": ("นิยาม", "Definition"),
    "export_csv": ("ดาวน์โหลด CSV", "Download CSV"),
    "export_xlsx": ("ดาวน์โหลด Excel (XLSX)", "Download Excel (XLSX)"),
    "export_title": ("ที่มา", "From"),
    "export_area": ("พื้นที่", "Area"),
    "export_rows": ("จำนวนแถว (แสดง / ทั้งหมด)", "Rows (shown / all)"),
    "export_reference": ("แถวแรกคือค่าอ้างอิงของ", "The first row is the reference value of"),
    "export_rule": ("วิธีคำนวณ", "How values are computed"),
    "export_protection": ("การปกป้องข้อมูล", "Disclosure control"),
    "export_rule_text": (
        "ค่าระดับอำเภอและจังหวัด = ผลรวมตัวตั้ง / ผลรวมตัวหารของตำบล (ไม่ใช่ค่าเฉลี่ยของร้อยละ)",
        "Amphoe and province values = sum of tambon numerators / sum of denominators (never a mean of rates)",
    ),
    "export_source": ("แหล่งข้อมูล", "Data source"),
    "export_source_text": (
        "ข้อมูล จปฐ./TPMAP ที่นำเข้า Tambon Atlas; ขอบเขตการปกครอง OCHA/RTSD (CC BY-IGO)",
        "BMN/TPMAP data loaded into Tambon Atlas; boundaries OCHA/RTSD (CC BY-IGO)",
    ),
    "export_time": ("ส่งออกเมื่อ", "Exported at"),
    "col_hot_spot": ("จุดร้อน-จุดเย็น (LISA)", "Hot spot class (LISA)"),
    "tbl_hotspots": ("จุดร้อน-จุดเย็น", "Hot spots"),
    "tbl_hotspots_help": (
        "เพิ่มคอลัมน์กลุ่ม Local Moran's I ของตัวชี้วัดแรก (ปีที่เลือก) ทั้งบนจอและในไฟล์ CSV/XLSX",
        "Adds the local Moran's I class of the first indicator (chosen year) on screen and in CSV/XLSX",
    ),
}
