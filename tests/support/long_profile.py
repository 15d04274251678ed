"""A tambon profile with the longest names a deck may meet (a long tambon and amphoe name, an office's
own category with a long Thai name, the longest BMN indicator), for the layout tests of its slide."""

from __future__ import annotations

import pandas as pd

from analysis.scope import Scope, ScopeFigures
from analysis.tambon_profile import PROBLEM_COLUMNS, STRENGTH_COLUMNS, TambonProfiles

LONG_TAMBON = ("เฉลิมพระเกียรติสมเด็จพระศรีนครินทร์บรมราชชนนี", "Chaloem Phra Kiat Somdet Phra Srinagarindra")
LONG_AMPHOE = ("เฉลิมพระเกียรติพระบาทสมเด็จพระเจ้าอยู่หัว", "Chaloem Phra Kiat Phra Bat Somdet")
LONG_CATEGORY = (
    "ผลิตภัณฑ์ชุมชนและภูมิปัญญาด้านหัตถกรรมจักสานไม้ไผ่และผ้าทอมือ",
    "Community products and bamboo basketry and hand-woven cloth crafts",
)
CODE = "249999"


def long_name_profile(hidden_per_1000: bool = False) -> tuple[TambonProfiles, ScopeFigures]:
    """(profiles, figures) of one made-up tambon, enough for `exports.slides.profile_slide`."""
    tambons = pd.DataFrame(
        [
            {
                "area_code": CODE,
                "name_th": LONG_TAMBON[0],
                "name_en": LONG_TAMBON[1],
                "amphoe_th": LONG_AMPHOE[0],
                "amphoe_en": LONG_AMPHOE[1],
                "province_th": "ฉะเชิงเทรา",
                "province_en": "Chachoengsao",
            }
        ]
    )
    strengths = pd.DataFrame(
        [
            [CODE, "crafts", *LONG_CATEGORY, 1234.0, 12.34, 5678.91, hidden_per_1000, 23456.0, 1234.56],
            [
                CODE,
                "water_sources",
                "แหล่งน้ำ",
                "Water sources",
                45.0,
                3.21,
                12.5,
                hidden_per_1000,
                900.0,
                2.98,
            ],
            [
                CODE,
                "local_wisdom",
                "ภูมิปัญญาท้องถิ่น",
                "Local wisdom",
                8.0,
                1.3,
                2.22,
                hidden_per_1000,
                350.0,
                1.16,
            ],
        ],
        columns=STRENGTH_COLUMNS,
    )
    problems = pd.DataFrame(
        [
            [CODE, "bmn60_18", 88.88, 12.34, 76.54],
            [CODE, "bmn60_21", 45.67, 10.01, 35.66],
            [CODE, "bmn60_13", 20.0, 9.99, 10.01],
        ],
        columns=PROBLEM_COLUMNS,
    )
    catalogue = pd.DataFrame(
        [
            ["bmn60_18", "ไม่ผ่าน จปฐ. ข้อ 18: ฝึกอบรมอาชีพ (จบการศึกษาภาคบังคับ ไม่ได้เรียนต่อ)",
             "BMN 18 not met: vocational training after compulsory school", "percent"],
            ["bmn60_21", "ไม่ผ่าน จปฐ. ข้อ 21: มีอาชีพและรายได้ (60 ปีขึ้นไป)",
             "BMN 21 not met: occupation and income (60+)", "percent"],
            ["bmn60_13", "ไม่ผ่าน จปฐ. ข้อ 13: ป้องกันอุบัติภัยและภัยธรรมชาติ",
             "BMN 13 not met: protection from accidents and disasters", "percent"],
        ],
        columns=["code", "name_th", "name_en", "unit"],
    )  # fmt: skip
    scope = Scope("area", CODE, *LONG_TAMBON, (CODE,), "tambon", (CODE,), "24")
    empty = pd.DataFrame(columns=["area_code", "indicator_code", "year", "value", "suppressed"])
    figures = ScopeFigures(
        scope,
        2566,
        None,
        empty,
        empty,
        ("ฉะเชิงเทรา", "Chachoengsao"),
        empty,
        pd.DataFrame(),
        min_households=5,
    )
    return TambonProfiles(tambons, strengths, problems, catalogue), figures
