"""Methodology panel of the poverty page, in Thai and English."""

METHODOLOGY = {
    "th": """
**ข้อมูล** ข้อมูลครัวเรือนรายปีสำรวจ (ในระบบสาธิตเป็นข้อมูลสังเคราะห์) ตัวชี้วัดความขาดแคลน 17 ตัวจาก จปฐ. ชุดปี 2560–2564
ครัวเรือนไม่ผ่านตัวชี้วัดใด = ขาดแคลนในตัวชี้วัดนั้น การจัดตัวชี้วัดเข้ามิติเป็นข้อมูลในแค็ตตาล็อก (ยืนยันจากโค้ดของ TPMAP แล้ว:
สุขภาพ 1 4 5 7 · ความเป็นอยู่ 8 9 10 11 · การศึกษา 15 16 17 19 · รายได้ 20 21 22 · การเข้าถึงบริการรัฐ 27 28; แก้ไขได้)

**ข้อมูล TPMAP ที่นำเข้า (ไฟล์ตามที่ดาวน์โหลด)** TPMAP เผยแพร่แต่ละระดับเป็นคู่ไฟล์ `<ระดับ>_common.csv` และ `<ระดับ>_<บิต>.csv`
ซึ่งเชื่อมกันด้วยรหัสพื้นที่ (`tumbol_ID`, `amphur_ID`, `province_ID`, `village_ID`) ปีสำรวจอ่านจากชื่อไฟล์ (61_ = 2561)
คนจนเป้าหมาย = `poor.JPT.MOFval.CNT` ÷ ประชากรที่สำรวจ `HOUSEMEMBER_CNT` (จากไฟล์ _common) × 100
รายมิติ = `poor.JPT.MOFval.health` / `living` / `education` / `income` / `accessibility` ÷ `HOUSEMEMBER_CNT`
รายตัวชี้วัด (17 ตัวของ TPMAP) = `poor.JPT.MOFval.indN.CNT` ÷ `HOUSEMEMBER_CNT`
ร้อยละไม่ผ่านเกณฑ์ จปฐ. ข้อ N (ทั้ง 31 ข้อ) = `indicatorN.CNT` ÷ `indicatorN.ALL` (นับเป็นคน)
จำนวนนับ: ครัวเรือนที่สำรวจ `household.CNT`, ผู้ลงทะเบียนบัตรสวัสดิการ `MOF_REG_CNT` และที่ผ่านการตรวจสอบ `MOF_VAL_CNT`,
ผู้สูงอายุ `ELDERLY_CNT`, ผู้พิการ `DISABLED_CNT`, ผู้ป่วยเรื้อรัง `CHRONICPATIENT_CNT`, ครัวเรือนและคนยากจนตามเกณฑ์ จปฐ.
`poor.household.CNT`, `poor.JPT.CNT`, `poor.JPT.MOFreg.CNT` (ไม่ใช้ `happiness` เพราะเป็นค่าเฉลี่ยที่รวมไม่ได้)
ไฟล์ `_11111` = ขาดแคลนมิติใดก็ได้ ไฟล์ `_10000` = เฉพาะมิติสุขภาพ (ตรวจกับไฟล์จริงแล้ว)
ไฟล์มิติเดียวอื่น (`01000` …) ตามลำดับบิตของ TPMAP
เก็บค่าที่ระดับละเอียดที่สุด (ตำบล หรือหมู่บ้านแล้วรวมเป็นตำบลพอดี) ไฟล์ระดับอำเภอ จังหวัด ประเทศ ใช้ตรวจทานกับยอดรวมเท่านั้น
เขตเทศบาลที่ จปฐ. รายงานเป็นหน่วยของตัวเอง (รหัสส่วนตำบล 51 ขึ้นไป) เก็บเป็นพื้นที่ของอำเภอ
นับรวมในยอดอำเภอและจังหวัด ไม่มีขอบเขตบนแผนที่

**คนจนเป้าหมาย (แบบ TPMAP)** คนในครัวเรือนที่ขาดแคลนอย่างน้อย 1 มิติ (ไม่ผ่านตัวชี้วัดใดตัวหนึ่งของมิตินั้น) และถือบัตรสวัสดิการแห่งรัฐ
อัตรา = คนจนเป้าหมาย ÷ ประชากรที่สำรวจ รายมิติ = คนจนเป้าหมายที่ขาดแคลนในมิตินั้น ÷ ประชากรที่สำรวจ

**ดัชนีความยากจนหลายมิติ (Alkire–Foster)** คะแนนความขาดแคลน cᵢ = Σⱼ wⱼ gᵢⱼ (น้ำหนักรวม = 1)
ครัวเรือนยากจนเมื่อ cᵢ ≥ k; H = q/n (สัดส่วนครัวเรือนยากจน), A = ค่าเฉลี่ย cᵢ ของครัวเรือนยากจน,
M0 = H × A = Σⱼ wⱼ hⱼ โดย hⱼ คือสัดส่วนครัวเรือนที่ยากจนและขาดแคลนในตัวชี้วัด j; สัดส่วนการมีส่วน = wⱼ hⱼ / M0
ค่าเริ่มต้น: น้ำหนักเท่ากันทุกมิติและเท่ากันภายในมิติ k = 0.26 (เกณฑ์ MPI ของประเทศไทย สศช.)
ครัวเรือนที่มีตัวชี้วัดไม่ได้ประเมินไม่ถูกนับใน MPI

**ทุน 5 ด้านและสถานะครัวเรือน** คะแนนเฉลี่ยทุนมนุษย์ กายภาพ เศรษฐกิจ ธรรมชาติ และสังคม (1–4):
อยู่ลำบาก 1.00–1.74 · อยู่ยาก 1.75–2.49 · อยู่พอได้ 2.50–3.24 · อยู่ดี 3.25–4.00 (ช่วงคะแนนยังไม่ได้ยืนยัน)
การเปลี่ยนสถานะเทียบครัวเรือนเดียวกันระหว่างสองปีสำรวจ

**การรวมระดับ** อำเภอและจังหวัดคำนวณจากข้อมูลครัวเรือนทั้งหมดในพื้นที่ (ผลรวมตัวตั้ง ÷ ผลรวมตัวหาร) ไม่ใช่ค่าเฉลี่ยของร้อยละ
ตัวเลขจึงตรงกับแผนที่และตาราง

**การปกป้องตัวเลขขนาดเล็ก (ผู้ที่ไม่ได้เข้าสู่ระบบ)** เกณฑ์นับเป็น**ครัวเรือน** (`ATLAS_MIN_HOUSEHOLDS` ค่าเริ่มต้น 5)
ใช้สองวิธีร่วมกัน (1) *ปกปิดตามโครงสร้าง*: ตัวเลขที่มาจากครัวเรือน 1–4 ครัวเรือน (ตัวตั้ง ส่วนที่เหลือ หรือตัวหาร)
แสดงเป็น <5 ตัวเลขที่นับคนตัดสินจากจำนวนครัวเรือนเบื้องหลัง (คนจนเป้าหมายตามครัวเรือนคนจนเป้าหมาย)
ตัวเลขที่มาจากกลุ่มครัวเรือนเดียวกันปกปิดพร้อมกัน (H, A, M0 และสัดส่วนการมีส่วน; สถานะทั้งสี่กลุ่ม;
คนจนเป้าหมายทั้งจำนวนคน ครัวเรือน และอัตรา; การส่งต่อความช่วยเหลือตามครัวเรือนคนจนเป้าหมาย)
และในแต่ละพื้นที่แม่ ถ้ามีพื้นที่ย่อยถูกปกปิดเพียงหนึ่งแห่งหรือรวมกันน้อยกว่า 5 จะปกปิดพื้นที่ย่อยที่เล็กที่สุดเพิ่ม
ด้วยรูปแบบเดียวกันทุกตัวชี้วัดที่เชื่อมกัน (2) *ปัดเศษ*: จำนวนทุกตัวที่แสดง (ตัวตั้ง ตัวหาร ผลรวม) ปัดเป็นพหุคูณของ 5
ที่ใกล้ที่สุดจากค่าจริงของตัวเอง (ค่าพื้นที่แม่ไม่ใช่ผลรวมของค่าลูกที่ปัดแล้ว) อัตราคำนวณจากจำนวนที่ปัดแล้ว
ทศนิยมไม่เกิน 2 ตำแหน่ง เหตุผล: การปกปิดอย่างเดียวยังคำนวณย้อนได้จากตารางที่เชื่อมกัน การปัดเศษอย่างเดียวยังแสดงค่าเล็ก
เมื่อใช้ร่วมกัน การลบหรือแก้สมการจากทุกหน้า ทุกระดับ ทุกปี ได้เพียงช่วงกว้างหลายครัวเรือน ไม่ได้ค่าที่แน่นอน
(ทดสอบโดยการแก้โปรแกรมเชิงเส้นกับตัวเลขที่เผยแพร่ทั้งหมด) ค่าศูนย์แสดงเป็น 0 เจ้าหน้าที่ที่เข้าสู่ระบบเห็นตัวเลขจริง
ทุกไฟล์ที่ดาวน์โหลดระบุวิธีนี้ไว้ ผู้ที่ไม่ได้เข้าสู่ระบบเห็น MPI ตามค่าเริ่มต้นเท่านั้น (การปรับน้ำหนักทีละน้อยแล้วดูว่าจำนวนที่ปัดเปลี่ยนตรงไหน
จะบอกจำนวนครัวเรือนที่แน่นอนได้)

**จุดร้อน-จุดเย็น (Local Moran's I, LISA) บนแผนที่** โหมด "จุดร้อน-จุดเย็น" เปรียบเทียบค่าของแต่ละพื้นที่กับค่าเฉลี่ยของพื้นที่ที่มีเขต
หรือมุมติดกัน (queen contiguity, น้ำหนักปรับให้รวมเป็น 1 ต่อพื้นที่) เฉพาะพื้นที่ที่แสดงและมีค่า ค่า p จากการสุ่มสลับค่าของพื้นที่อื่น
999 ครั้ง (conditional permutation ของ PySAL esda) ที่ระดับนัยสำคัญ 0.05 แบ่งเป็น สูงล้อมรอบด้วยสูง (จุดร้อน) ต่ำล้อมรอบด้วยต่ำ
(จุดเย็น) สูงท่ามกลางต่ำ ต่ำท่ามกลางสูง และ "ไม่มีนัยสำคัญ" พร้อม Moran's I ทั้งพื้นที่และค่า p ค่าสุ่มคงที่ ลิงก์เดิมได้แผนที่เดิม
ข้อจำกัด: เมื่อมีหลายพื้นที่ บางพื้นที่จะมีนัยสำคัญโดยบังเอิญ (ราว 1 ใน 20 แม้ไม่มีรูปแบบใดเลย ไม่ได้ปรับการทดสอบหลายครั้ง)
ผลขึ้นกับพื้นที่ที่แสดง (ตำบลริมจังหวัดไม่มีเพื่อนบ้านข้ามจังหวัด) อัตราที่มาจากคนจำนวนน้อยแปรปรวนสูงและอาจดูเป็นค่าผิดปกติ
และสำหรับผู้ที่ไม่ได้เข้าสู่ระบบ คำนวณจากตัวเลขที่ปกป้องแล้ว (พื้นที่ที่ปกปิดไม่นำมาคิด)

**ข้อมูลชุมชน (Community Big Data) จุดเด่นและปัญหาของตำบล** แต่ละรายการ (แหล่งน้ำ แหล่งท่องเที่ยว ภูมิปัญญา ฯลฯ ตามหมวดของ U2T
และหมวดที่สำนักงานเพิ่มเอง) เป็นหนึ่งแถว ตำบลของรายการที่มีพิกัดได้จากการซ้อนทับจุดกับขอบเขตตำบลต้นฉบับ (spatial join)
ตัวชี้วัดต่อตำบลคำนวณจากรายการ: จำนวน, ต่อ 1,000 ครัวเรือนที่สำรวจ จปฐ. และร้อยละของทั้งจังหวัด
ปีหนึ่งนับรายการที่สำรวจในปีนั้นหรือก่อนหน้า (บัญชีทรัพยากรยังใช้ได้จนกว่าจะสำรวจใหม่)
ระดับอำเภอและจังหวัดรวมจากตำบลด้วยกฎเดียวกับตัวชี้วัดอื่น
จำนวนรายการไม่ใช่ข้อมูลครัวเรือน จึงแสดงตามจริงแก่ผู้ที่ไม่ได้เข้าสู่ระบบ (เฉพาะจำนวนครัวเรือนที่เป็นตัวหารของ "ต่อ 1,000 ครัวเรือน"
ปัดเป็นทวีคูณของ 5 เช่นเดียวกับจำนวนครัวเรือนอื่น) ผู้กลับภูมิลำเนาเป็นบุคคล จึงบันทึกระดับหมู่บ้านโดยไม่มีจุดบนแผนที่
จุดเด่น: หมวดที่ Location Quotient (สัดส่วนของหมวดนั้นในรายการทั้งหมดของตำบล ÷ สัดส่วนเดียวกันของทั้งจังหวัด) ตั้งแต่ 1.25 ขึ้นไป
และมีอย่างน้อย 3 รายการ เรียงจากมากไปน้อย ไม่เกิน 3 หมวด ปัญหา: ตัวชี้วัด จปฐ. ที่ตำบลแย่กว่าจังหวัดมากที่สุด (ผลต่างเป็นจุดร้อยละ
ตามทิศทางของตัวชี้วัด) ไม่เกิน 3 ตัว
ข้อจำกัด: จำนวนรายการขึ้นกับความละเอียดของทีมสำรวจแต่ละตำบล LQ ของตำบลที่มีรายการน้อยแปรปรวนสูง
""",
    "en": """
**Data** Household records per survey year (synthetic in the demo); 17 deprivation indicators of the 2560–2564
BMN (จปฐ.) set: a household failing an indicator is deprived in it. Which indicator belongs to which dimension
is data in the catalogue (verified from TPMAP's own code: health 1 4 5 7 · living 8 9 10 11 · education
15 16 17 19 · income 20 21 22 · access 27 28; editable).

**TPMAP data imported (files as downloaded)** TPMAP publishes each level as a pair, `<level>_common.csv` and
`<level>_<bits>.csv`, joined on the area ID (`tumbol_ID`, `amphur_ID`, `province_ID`, `village_ID`); the
survey year comes from the file name (61_ = 2561). Target poor rate = `poor.JPT.MOFval.CNT` ÷ people surveyed
`HOUSEMEMBER_CNT` (from the _common file) × 100; per dimension `poor.JPT.MOFval.health` / `living` /
`education` / `income` / `accessibility` ÷ `HOUSEMEMBER_CNT`; per TPMAP indicator (17)
`poor.JPT.MOFval.indN.CNT` ÷ `HOUSEMEMBER_CNT`. A BMN indicator's "not met" rate (all 31) =
`indicatorN.CNT` ÷ `indicatorN.ALL` (people). Counts: households surveyed `household.CNT`, welfare card
registered `MOF_REG_CNT` and verified `MOF_VAL_CNT`, elderly `ELDERLY_CNT`, disabled `DISABLED_CNT`,
chronically ill `CHRONICPATIENT_CNT`, BMN-poor households and people `poor.household.CNT`, `poor.JPT.CNT`,
`poor.JPT.MOFreg.CNT` (`happiness`, a mean that cannot be summed, is not used). `_11111` = deprived in any
dimension; `_10000` = health only (checked against the real files); the other single-dimension suffixes
(`01000` …) follow TPMAP's bit order. Values are stored at the finest level given (tambon, or villages
summed exactly to their tambon); amphoe, province and country files are only checked against the roll-up.
Municipal areas that จปฐ. reports as their own units (tambon part 51 or more) are areas of their amphoe:
they count in amphoe and province totals and have no polygon on the map.

**Target poor (TPMAP style)** People in households deprived in at least one dimension (failing any of its
indicators) and holding the state welfare card. Rate = target poor ÷ people surveyed; per dimension = target
poor deprived in that dimension ÷ people surveyed.

**Multidimensional poverty (Alkire–Foster)** Deprivation score cᵢ = Σⱼ wⱼ gᵢⱼ with weights summing to 1; a
household is poor when cᵢ ≥ k. H = q/n (incidence), A = mean cᵢ among the poor (intensity),
M0 = H × A = Σⱼ wⱼ hⱼ where hⱼ is the share of households that are poor and deprived in j; the contribution
of j is wⱼ hⱼ / M0. Defaults: equal weight per dimension and within it, k = 0.26 (the cutoff of Thailand's
national MPI, NESDC). Households with an indicator not assessed are left out of the MPI.

**Five capitals and household status** Mean of the human, physical, economic, natural and social capital
scores (1–4): struggling 1.00–1.74 · hard 1.75–2.49 · getting by 2.50–3.24 · well 3.25–4.00 (unverified
bands). Movement compares the same households in two survey years.

**Levels** Amphoe and province figures come from all households of the area (summed numerators over summed
denominators), never from averaging percentages, so they agree with the map and tables.

**Protecting small counts (viewers not signed in)** The threshold counts **households**
(`ATLAS_MIN_HOUSEHOLDS`, default 5). Two methods together: (1) *suppression by structure*: a figure resting
on 1–4 households (its numerator, the rest of the area, or its denominator) reads <5; a count of people is
judged by the households behind it (target-poor people by the target-poor households); figures from one
group of households are hidden together (H, A, M0 and the contributions; the four status classes; target-
poor people, households and rate; referral coverage with the target-poor households), and within each parent
area, while only one child is hidden or the hidden add up to fewer than 5, the smallest other child is
hidden too, the same child for every linked indicator. (2) *rounding*: every count shown (numerators,
denominators, totals) is rounded to the nearest multiple of 5 from its own true value (a parent is never the
sum of rounded children) and rates are computed from the rounded counts, to at most 2 decimals. Why both:
suppression alone can be undone through linked tables; rounding alone still shows small counts. Together,
subtracting or solving equations over every page, level and year gives only intervals several households
wide, never an exact count (tested by linear programming over everything published). A zero reads 0. Signed-
in officers see the exact figures. Every download states the method. Viewers not signed in see the MPI under
the default settings only (moving a weight step by step and watching where a rounded count flips would give
exact counts away).

**Hot and cold spots (local Moran's I, LISA) on the map.** The hot-spot mode compares each area's value
with the mean of the areas sharing a border or a corner with it (queen contiguity, weights summing to 1 per
area), among the areas shown that have a value. Pseudo p-values come from 999 conditional permutations of
the other values (PySAL's esda); at significance 0.05 an area is high among high (hot spot), low among low
(cold spot), high among low, low among high, or "not significant"; global Moran's I and its p-value sit
beside the legend. The seed is fixed, so a link always draws the same map. Limits: with many areas some are
significant by chance (about one in twenty with no pattern at all; no correction for multiple tests); the
classes depend on the areas shown (a province's edge tambons have no neighbours across its border); a rate
resting on few people is noisy and can look like an outlier; for viewers not signed in it is computed on
the protected figures (hidden areas left out).

**Community Big Data: a tambon's strengths and problems.** Each recorded item (a water source, a tourist
site, a piece of local wisdom ... in the U2T categories and any an office adds) is one row; an item with
coordinates is placed in its tambon by a spatial join against the source tambon boundaries. Per tambon the
records give a count, items per 1,000 households surveyed (BMN) and the tambon's share of the province; a
year counts the items surveyed in it or before (an inventory stands until surveyed again); amphoe and
province figures roll up from the tambons by the same rule as every indicator. Item counts are not
household data, so viewers who are not signed in see them exactly (only the household count under "per
1,000 households" is rounded to a multiple of 5, as every household count is). COVID return migrants are
people, so they are recorded by village, never as a point on the map. Strengths: the categories whose
location quotient (the category's share of the tambon's items ÷ the same share for the province) is 1.25
or more, on at least 3 items, highest first, at most 3. Problems: the BMN indicators where the tambon is
furthest worse than the province (the gap in percentage points, by each indicator's direction), at most 3.
Limits: counts depend on how thoroughly each tambon's team recorded; the LQ of a tambon with few items
is noisy.
""",
}
