"""Methodology panel of the poverty page, in Thai and English."""

METHODOLOGY = {
    "th": """
**ข้อมูล** ข้อมูลครัวเรือนรายปีสำรวจ (ในระบบสาธิตเป็นข้อมูลสังเคราะห์) ตัวชี้วัดความขาดแคลน 17 ตัวจาก จปฐ. ชุดปี 2560–2564
ครัวเรือนไม่ผ่านตัวชี้วัดใด = ขาดแคลนในตัวชี้วัดนั้น การจัดตัวชี้วัดเข้ามิติเป็นข้อมูลในแค็ตตาล็อก (ยังไม่ได้ยืนยัน แก้ไขได้)

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
""",
    "en": """
**Data** Household records per survey year (synthetic in the demo); 17 deprivation indicators of the 2560–2564
BMN (จปฐ.) set: a household failing an indicator is deprived in it. Which indicator belongs to which dimension
is data in the catalogue (unverified, editable).

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
""",
}
