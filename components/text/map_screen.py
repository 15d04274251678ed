"""Labels of the map screen: controls, classes, comparisons, hot spots, tooltips, the tambon detail."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "nav_map": ("แผนที่", "Map"),
    "map_title": ("แผนที่ตัวชี้วัด", "Indicator map"),
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
    "dimension_chart": ("คนจนเป้าหมายรายมิติ (ร้อยละของประชากร)", "Target poor by dimension (% of people)"),
    "all_indicators": ("ตัวชี้วัดทั้งหมดของตำบล", "Every indicator of the tambon"),
    "table_truncated": (
        "แสดง {n} แถวแรก (อันดับน่าห่วงที่สุดในแต่ละพื้นที่แม่ก่อน)",
        "Showing the first {n} rows (areas most in need within their parent first)",
    ),
    "map_table": ("ค่าของพื้นที่บนแผนที่", "Values of the areas on the map"),
    "map_options": ("ตัวเลือก", "Options"),
}
