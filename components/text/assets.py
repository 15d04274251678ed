"""Labels of the community-asset (Community Big Data) parts: map points, strengths and problems."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "assets_toggle": ("จุดข้อมูลชุมชน (Community Big Data)", "Community asset points (Community Big Data)"),
    "assets_toggle_help": (
        "เปิดหมวดที่ต้องการแสดงเป็นจุดบนแผนที่ จุดจะรวมเป็นกลุ่มเมื่อย่อแผนที่ คลิกกลุ่มเพื่อขยาย คลิกจุดเพื่อดูรายละเอียด",
        "Turn on the categories to show as points; points cluster when zoomed out: click a cluster to "
        "zoom in, a point for its details",
    ),
    "assets_choose_province": (
        "เลือกจังหวัดเพื่อแสดงจุดข้อมูลชุมชน",
        "Choose a province to show community asset points",
    ),
    "assets_shown": ("แสดง {n} จุด", "{n} points shown"),
    "point_category": ("หมวด", "Category"),
    "point_tambon": ("ตำบล", "Tambon"),
    "point_village": ("หมู่ที่", "Village no."),
    "profile_title": ("จุดเด่นและปัญหาของตำบล", "The tambon's strengths and problems"),
    "profile_strengths": ("จุดเด่น (ข้อมูลชุมชนที่โดดเด่นกว่าทั้งจังหวัด)", "Strengths (assets above the province)"),
    "profile_problems": (
        "ปัญหา (ตัวชี้วัด จปฐ. ที่แย่กว่าทั้งจังหวัดมากที่สุด)",
        "Problems (BMN indicators furthest worse than the province)",
    ),
    "profile_no_strengths": ("ยังไม่มีหมวดที่โดดเด่นกว่าจังหวัด", "No category stands out against the province yet"),
    "profile_no_problems": ("ไม่มีตัวชี้วัดที่แย่กว่าจังหวัด", "No indicator is worse than the province"),
    "profile_strength_row": (
        "{name}: {count:,.0f} รายการ (LQ {lq:.2f}, ต่อ 1,000 ครัวเรือน {per})",
        "{name}: {count:,.0f} items (LQ {lq:.2f}, per 1,000 households {per})",
    ),
    "profile_problem_row": (
        "{name}: {value} (จังหวัด {reference}, แย่กว่า {gap} จุด)",
        "{name}: {value} (province {reference}, {gap} points worse)",
    ),
    "profile_table": ("จุดเด่นและปัญหาทุกตำบลของจังหวัด", "Strengths and problems of every tambon of the province"),
    "profile_col_tambon": ("ตำบล", "Tambon"),
    "profile_col_strengths": ("จุดเด่น", "Strengths"),
    "profile_col_problems": ("ปัญหา", "Problems"),
    "profile_method": (
        "จุดเด่น: หมวดที่ค่า Location Quotient (สัดส่วนของหมวดในรายการทั้งหมดของตำบล ÷ สัดส่วนเดียวกันของจังหวัด) "
        "ตั้งแต่ {lq} ขึ้นไป และมีอย่างน้อย {n} รายการ ปัญหา: ตัวชี้วัด จปฐ. ที่ตำบลแย่กว่าจังหวัดมากที่สุด (เป็นจุดร้อยละ)",
        "Strengths: categories with a location quotient (the category's share of the tambon's items ÷ "
        "the same share for the province) of {lq} or more on at least {n} items. Problems: the BMN "
        "indicators where the tambon is furthest worse than the province (percentage points).",
    ),
}
