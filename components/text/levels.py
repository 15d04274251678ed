"""Labels of the levels below and beside the tambon: villages and municipal units."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "level_village": ("หมู่บ้าน", "Villages"),
    "tbl_village_no_map": (
        "หมู่บ้านไม่มีขอบเขตบนแผนที่: ระดับหมู่บ้านมีเฉพาะในตาราง",
        "Villages have no polygons: the village level is in the table only",
    ),
    "tbl_no_villages": ("ตำบลนี้ไม่มีข้อมูลรายหมู่บ้าน", "This tambon has no village data"),
    "col_note": ("หมายเหตุ", "Note"),
    "municipal_mark": (
        "เทศบาล (ไม่มีขอบเขตบนแผนที่)",
        "municipal unit, no polygon",
    ),
    "municipal_covers": ("ครอบคลุม ต.{name} ({code})", "covers {name} ({code})"),
    "municipal_export_note": (
        "หน่วยเทศบาลตามรายงาน จปฐ. (รหัสตำบล 51 ขึ้นไป) นับรวมในยอดอำเภอและจังหวัด แต่ไม่มีขอบเขตบนแผนที่",
        "Municipal units as reported by the BMN survey (tambon part 51 or more) count in amphoe and "
        "province totals but have no polygon on the map",
    ),
    "map_municipal_totals": (
        "ยอดรวมระดับอำเภอ/จังหวัดรวมหน่วยเทศบาล {n} หน่วยที่ไม่มีขอบเขตบนแผนที่",
        "Amphoe and province totals include {n} municipal units with no polygon",
    ),
    "map_municipal_unmapped": (
        "หน่วยเทศบาล {n} หน่วยไม่มีขอบเขตบนแผนที่ (ดูในตาราง) แต่นับรวมในยอดอำเภอและจังหวัด",
        "{n} municipal units have no polygon (see the table) but count in amphoe and province totals",
    ),
    "detail_villages": ("รายหมู่บ้าน · {year}", "By village · {year}"),
    "detail_villages_sum": (
        "{n} หมู่บ้าน รวมกันเท่ากับค่าของตำบล (ตัวตั้งและตัวหารรวมกัน)",
        "{n} villages; together they give the tambon's value (numerators and denominators summed)",
    ),
    "detail_villages_table": ("เปิดรายหมู่บ้านในตาราง", "Open the villages in the table"),
}
