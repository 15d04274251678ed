"""Labels of the import screen: templates, dry run, TPMAP file sets, column mapping."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "nav_import": ("นำเข้าข้อมูล", "Import data"),
    "imp_title": ("นำเข้าข้อมูล", "Import data"),
    "imp_intro": (
        "ตรวจสอบไฟล์ก่อนเสมอ (ยังไม่บันทึก) แล้วจึงยืนยันนำเข้าในครั้งเดียว ข้อมูลเดิมไม่สูญหายหากไฟล์มีปัญหา",
        "Every file is checked first (nothing is saved); then one confirmed import. Nothing stored is lost "
        "when a file has problems",
    ),
    "imp_templates": ("แม่แบบไฟล์พร้อมตัวอย่าง", "Templates with example rows"),
    "imp_templates_help": (
        "เริ่มจากแม่แบบ: หัวคอลัมน์ภาษาไทยหรืออังกฤษ พื้นที่ใช้รหัสหรือชื่อ (จังหวัด/อำเภอ/ตำบล)",
        "Start from a template: Thai or English headers, areas by code or by name (province/amphoe/tambon)",
    ),
    "imp_layout_long": ("แบบยาว: แถวละตัวชี้วัด", "long: one row per indicator"),
    "imp_layout_wide": ("แบบกว้าง: คอลัมน์ละตัวชี้วัด", "wide: one column per indicator"),
    "imp_file": (
        "ไฟล์ CSV หรือ Excel (XLSX) หรือไฟล์แผนที่ (GeoJSON, GeoPackage, Shapefile ใน zip)",
        "CSV or Excel (XLSX) file, or a map file (GeoJSON, GeoPackage, zipped Shapefile)",
    ),
    "imp_file_help": (
        "UTF-8, UTF-8 BOM หรือ TIS-620 (cp874); ไม่เกิน {mb} MB; สูตรใน Excel จะไม่ถูกคำนวณ",
        "UTF-8, UTF-8 with BOM or TIS-620 (cp874); at most {mb} MB; Excel formulas are not evaluated",
    ),
    "imp_kind": ("ชนิดข้อมูล", "Kind"),
    "imp_kind_auto": ("ตรวจจากหัวคอลัมน์", "Detect from headers"),
    "imp_kind_indicators": ("ค่าตัวชี้วัดรายตำบล", "Indicator values per tambon"),
    "imp_kind_households": ("ข้อมูลครัวเรือน", "Household survey"),
    "imp_kind_referrals": ("การส่งต่อความช่วยเหลือ", "Referrals"),
    "imp_kind_catalogue": ("เพิ่มตัวชี้วัดในบัญชี", "Catalogue additions"),
    "imp_kind_tpmap": ("ไฟล์ TPMAP (คู่ _common และ _<บิต>)", "TPMAP files (_common and _<bits> pairs)"),
    "imp_kind_village_names": ("ชื่อหมู่บ้าน", "Village names"),
    "imp_kind_assets": ("ข้อมูลชุมชน (Community Big Data)", "Community assets (Community Big Data)"),
    "imp_crs": ("ระบบพิกัดของไฟล์", "Coordinate system of the file"),
    "imp_crs_file": ("ตามไฟล์ (หรือ WGS 84 องศา)", "As the file says (or WGS 84 degrees)"),
    "imp_crs_help": (
        "ใช้กับข้อมูลชุมชนที่มีพิกัด x/y เป็นเมตร (UTM) หรือพิกัดตาม Indian 1975 ที่ไฟล์ไม่ได้ระบุระบบพิกัดไว้ "
        "ไฟล์ GeoPackage, GeoJSON และ Shapefile ที่บอกระบบพิกัดของตัวเองจะใช้ตามไฟล์",
        "For community-asset files with x/y in metres (UTM) or on Indian 1975 that do not say their "
        "system; GeoPackage, GeoJSON and Shapefile files that declare theirs are read as they say",
    ),
    # A set of TPMAP files (components.importing.tpmap_view)
    "imp_files_multi": (
        "เลือกได้หลายไฟล์พร้อมกันสำหรับไฟล์ TPMAP (เช่น 61_33_tambol_common.csv กับ 61_33_tambol_11111.csv)",
        "Several files at once for TPMAP exports (e.g. 61_33_tambol_common.csv with 61_33_tambol_11111.csv)",
    ),
    "imp_files_aside": (
        "ไม่ได้ตรวจไฟล์: {names} (ตรวจพร้อมกันได้หลายไฟล์เฉพาะไฟล์ TPMAP ไฟล์อื่นตรวจเฉพาะไฟล์ล่าสุด)",
        "Not checked: {names} (several files go together only as TPMAP exports; otherwise the newest file)",
    ),
    "imp_tp_year": (
        "ปีสำรวจที่ใช้: {year} ({source}) · {n} ไฟล์",
        "Survey year used: {year} ({source}) · {n} files",
    ),
    "imp_tp_years_several": ("หลายปี", "several years"),
    "imp_tp_from_name": ("จากชื่อไฟล์ เช่น 61_ = 2561", "from the file names, e.g. 61_ = 2561"),
    "imp_tp_from_given": ("ตามที่ระบุ", "as given"),
    "imp_tp_units": ("หน่วยเทศบาลที่จะสร้าง ({n})", "Municipal units to create ({n})"),
    "imp_tp_units_help": (
        "จปฐ. รายงานเขตเทศบาลเป็นหน่วยของตัวเอง (รหัสส่วนตำบล 51 ขึ้นไป) จะบันทึกเป็นพื้นที่ของอำเภอนั้นโดยไม่มีขอบเขตบนแผนที่ "
        "นับรวมในยอดอำเภอและจังหวัด",
        "จปฐ. reports municipal areas as their own units (tambon part 51 or more); each is stored as an "
        "area of its amphoe without a map polygon and counts in the amphoe and province totals",
    ),
    "imp_tp_recon_ok": (
        "ไฟล์ระดับที่หยาบกว่าตรงกับยอดรวมจากระดับที่ละเอียดกว่าทุกค่า ({n:,} ค่า) ไม่บันทึกค่าซ้ำ",
        "The coarser files agree with the roll-up of the finer level on all {n:,} figures; "
        "they are not stored",
    ),
    "imp_tp_recon_diff": (
        "ไฟล์ระดับที่หยาบกว่าไม่ตรงกับยอดรวม {n:,} จาก {total:,} ค่า (บันทึกเฉพาะระดับที่ละเอียดที่สุด)",
        "{n:,} of {total:,} figures of the coarser files differ from the roll-up (only the finest level is "
        "stored)",
    ),
    "imp_tp_col_level": ("ระดับ", "Level"),
    "imp_tp_col_code": ("รหัสพื้นที่", "Area code"),
    "imp_tp_col_amphoe": ("อำเภอ", "Amphoe"),
    "imp_tp_col_covers": ("ครอบคลุมตำบล", "Covers tambon"),
    "imp_tp_col_indicator": ("ตัวชี้วัด", "Indicator"),
    "imp_tp_col_file_num": ("ตัวตั้งในไฟล์", "File numerator"),
    "imp_tp_col_file_den": ("ตัวหารในไฟล์", "File denominator"),
    "imp_tp_col_rollup_num": ("ตัวตั้งจากการรวม", "Roll-up numerator"),
    "imp_tp_col_rollup_den": ("ตัวหารจากการรวม", "Roll-up denominator"),
    "imp_tp_col_file_value": ("ค่าในไฟล์", "File value"),
    "imp_tp_col_rollup_value": ("ค่าจากการรวม", "Roll-up value"),
    "imp_encoding": ("การเข้ารหัส", "Encoding"),
    "imp_auto": ("ตรวจอัตโนมัติ", "Detect"),
    "imp_sheet": ("ชีต (XLSX)", "Sheet (XLSX)"),
    "imp_sheet_hint": ("ชีตแรก", "first sheet"),
    "imp_year": ("ปี พ.ศ. ทั้งไฟล์", "Year for the file"),
    "imp_year_help": (
        "ใช้เมื่อไฟล์ไม่มีคอลัมน์ปี (0 = อ่านจากไฟล์)",
        "Used when the file has no year column (0 = read from the file)",
    ),
    "imp_user": ("ผู้นำเข้า", "Imported by"),
    "imp_checking": ("กำลังตรวจสอบไฟล์…", "Checking the file…"),
    "imp_preview": ("ผลการตรวจสอบ (ยังไม่บันทึก)", "Dry run (nothing saved yet)"),
    "imp_detected": (
        "ชนิด: {kind} · การเข้ารหัส: {encoding} · รูปแบบ: {layout} · ชีต: {sheet}",
        "Kind: {kind} · encoding: {encoding} · layout: {layout} · sheet: {sheet}",
    ),
    "imp_rows": ("แถวในไฟล์", "Rows in file"),
    "imp_new": ("ใหม่", "New"),
    "imp_updated": ("ปรับปรุง", "Updated"),
    "imp_unchanged": ("ไม่เปลี่ยนแปลง", "Unchanged"),
    "imp_rejected": ("แถวที่มีปัญหา", "Rows rejected"),
    "imp_blank": ("แถวว่าง", "Blank rows"),
    "imp_ignored": ("คอลัมน์ที่ไม่ได้ใช้: {columns}", "Columns not used: {columns}"),
    "imp_seen_before": (
        "ไฟล์เดียวกันนี้เคยนำเข้าแล้ว (ครั้งที่ {id} เมื่อ {when} UTC) นำเข้าซ้ำจะไม่เปลี่ยนข้อมูล",
        "This same file was imported before (import {id}, {when} UTC); importing it again changes nothing",
    ),
    "imp_has_errors": (
        "พบปัญหา {problems:,} รายการใน {n:,} แถว แก้ไฟล์แล้วอัปโหลดใหม่ หรือเลือกนำเข้าเฉพาะแถวที่ถูกต้อง",
        "{problems:,} problems in {n:,} rows: fix the file and upload it again, "
        "or import only the valid rows",
    ),
    "imp_col_row": ("แถว", "Row"),
    "imp_col_column": ("คอลัมน์", "Column"),
    "imp_col_value": ("ค่า", "Value"),
    # the problem report shows both languages side by side, each under its own heading
    "imp_col_problem_th": ("ปัญหา", "ปัญหา"),
    "imp_col_problem_en": ("Problem", "Problem"),
    "imp_errors_csv": ("ดาวน์โหลดรายงานปัญหา (CSV)", "Download the problem report (CSV)"),
    "imp_changes": ("รายการที่จะเปลี่ยน ({n:,} จาก {total:,})", "What would change ({n:,} of {total:,})"),
    "imp_valid_only": ("นำเข้าเฉพาะแถวที่ไม่มีปัญหา", "Import only the rows without problems"),
    "imp_blocked": (
        "ไฟล์มีปัญหา: การนำเข้าทั้งไฟล์ถูกระงับ (ทั้งหมดหรือไม่มีเลย)",
        "The file has problems: importing it whole is blocked (all or nothing)",
    ),
    "imp_commit": ("ยืนยันนำเข้า", "Import"),
    "imp_done": (
        "นำเข้า {file} แล้ว (ครั้งที่ {id}): ใหม่ {new:,} · ปรับปรุง {updated:,} · ไม่เปลี่ยนแปลง {unchanged:,} · "
        "ข้ามแถวที่มีปัญหา {rejected:,} · คำนวณค่าตำบลใหม่ {recomputed:,}",
        "Imported {file} (import {id}): {new:,} new · {updated:,} updated · {unchanged:,} unchanged · "
        "{rejected:,} rows skipped · {recomputed:,} tambon values recomputed",
    ),
    "imp_history": ("ประวัติการนำเข้า", "Import history"),
    "imp_no_history": ("ยังไม่มีการนำเข้า", "No imports yet"),
    "imp_col_time": ("เวลา", "Time"),
    "imp_col_file": ("ไฟล์", "File"),
    "imp_header_row": ("แถวหัวคอลัมน์", "Header row"),
    "imp_header_row_help": (
        "แถวที่เป็นหัวคอลัมน์ตามเลขแถวในโปรแกรมตารางคำนวณ (0 = หาเอง ข้ามชื่อเรื่องด้านบน)",
        "The header's row number as the spreadsheet shows it (0 = find it, passing over titles above)",
    ),
    "imp_notes": ("หมายเหตุจากการอ่านไฟล์", "Notes from reading the file"),
    "imp_map_title": ("จับคู่คอลัมน์", "Column mapping"),
    "imp_map_intro": (
        "ระบบไม่รู้จักหัวคอลัมน์ของไฟล์นี้ บอกว่าแต่ละคอลัมน์คืออะไร แล้วตรวจสอบก่อนนำเข้าตามปกติ",
        "The importer does not know this file's headers: say what each column holds, then check and "
        "import as usual",
    ),
    "imp_map_preset": ("ชุดจับคู่ที่บันทึกไว้", "Saved mapping"),
    "imp_map_no_preset": ("— ไม่ใช้ (จับคู่เอง) —", "— none (map by hand) —"),
    "imp_map_preset_found": (
        "พบชุดจับคู่ที่บันทึกไว้สำหรับหัวคอลัมน์ชุดนี้: {name}",
        "A saved mapping matches these headers: {name}",
    ),
    "imp_map_column": ("คอลัมน์ในไฟล์", "File column"),
    "imp_map_role": ("คือ", "Holds"),
    "imp_map_indicator": ("ตัวชี้วัด", "Indicator"),
    "imp_map_choose": ("— เลือก —", "— choose —"),
    "imp_map_sample": ("ตัวอย่าง: {values}", "e.g. {values}"),
    "imp_role_area_code": ("รหัสพื้นที่ (6 หลัก)", "Area code (6 digits)"),
    "imp_role_province": ("ชื่อจังหวัด", "Province name"),
    "imp_role_amphoe": ("ชื่ออำเภอ", "Amphoe name"),
    "imp_role_tambon": ("ชื่อตำบล", "Tambon name"),
    "imp_role_area_path": ("ที่อยู่เต็มในช่องเดียว (ต. อ. จ.)", "Whole area path in one cell"),
    "imp_role_year": ("ปี พ.ศ.", "Year (B.E.)"),
    "imp_role_value": ("ค่า (จำนวนนับ หรือค่าที่ใช้ตรวจ)", "Value (a count, or checked)"),
    "imp_role_numerator": ("ตัวตั้ง", "Numerator"),
    "imp_role_denominator": ("ตัวหาร", "Denominator"),
    "imp_role_ignore": ("ไม่ใช้", "Ignore"),
    "imp_map_new": ("เพิ่มตัวชี้วัดใหม่ในบัญชี", "Add a new indicator to the catalogue"),
    "imp_map_new_help": (
        "อัตรา (ร้อยละ) ต้องมีคอลัมน์ตัวตั้งและตัวหาร เพราะค่าระดับอำเภอ/จังหวัด = ผลรวมตัวตั้ง ÷ ผลรวมตัวหาร "
        "ร้อยละอย่างเดียวรวมขึ้นไปไม่ได้",
        "A rate (percentage) needs a numerator and a denominator column: amphoe and province figures are "
        "sum(numerator) / sum(denominator), so a bare percentage cannot be rolled up",
    ),
    "imp_map_code": ("รหัส (a-z 0-9 _)", "Code (a-z 0-9 _)"),
    "imp_map_name_th": ("ชื่อภาษาไทย", "Thai name"),
    "imp_map_name_en": ("ชื่อภาษาอังกฤษ", "English name"),
    "imp_map_unit": ("หน่วย", "Unit"),
    "imp_map_polarity": ("ทิศทาง", "Direction"),
    "imp_map_aggregation": ("ชนิด", "Kind"),
    "imp_agg_ratio": ("อัตรา (ตัวตั้ง ÷ ตัวหาร)", "Rate (numerator ÷ denominator)"),
    "imp_agg_sum": ("จำนวนนับ (รวมได้)", "Count (summed)"),
    "imp_map_add": ("เพิ่มตัวชี้วัด", "Add indicator"),
    "imp_map_new_listed": ("ตัวชี้วัดใหม่ที่จะเพิ่ม: {codes}", "New indicators to add: {codes}"),
    "imp_map_problems": ("การจับคู่ยังไม่ครบ:", "The mapping is not complete yet:"),
    "imp_map_change": ("การเปลี่ยนแปลง", "Change"),
    "imp_map_stored": ("แถวแรกตามที่จะบันทึก", "First rows as they will be stored"),
    "imp_map_preset_name": ("ชื่อชุดจับคู่ (ใช้ซ้ำได้ และใช้ใน --preset)", "Mapping name (reused, and for --preset)"),
    "imp_map_save": ("บันทึกชุดจับคู่", "Save mapping"),
    "imp_map_saved": ("บันทึกชุดจับคู่ “{name}” แล้ว", "Mapping “{name}” saved"),
}
