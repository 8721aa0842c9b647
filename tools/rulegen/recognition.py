"""Recognition rules (认定规则) for every catalogue entry: each certificate grade, each training, each
competition x tier x rank, and the courses of the institutions that run programmes.

Files: recognition/1x.json, vocational-qualifications.json, special-skills.json, training.json,
awards.json, courses.json.
"""
from common import eff, num
import catalogues

ONE_X_CREDITS = {"初级": 4, "中级": 6, "高级": 8}
GRADE_TAG = {"初级": "J", "中级": "M", "高级": "S", "五级": "5", "四级": "4", "三级": "3", "二级": "2",
             "一级": "1"}
VQ_CREDITS = {"五级": 3, "四级": 4, "三级": 6, "二级": 8, "一级": 10}
TIER_TAG = {"international": "INT", "national": "NAT", "provincial": "PRV", "municipal": "MUN",
            "school": "SCH"}
RANK_TAG = {"first": "1", "second": "2", "third": "3", "merit": "M"}
PILOT = "2019-04-01"  # 1+X pilot: 《关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案》, April 2019


def _rule(rid, prio, effective, match, conditions, result):
    r = {"id": rid, "priority": prio, "effective": effective, "match": match}
    if conditions:
        r["conditions"] = conditions
    r["result"] = result
    return r


def one_x(info):
    rules = []
    for code, ci in info.items():
        if ci["scheme"] != "1+x":
            continue
        tag = code[len("1X-"):]
        for grade, level in ci["grades"].items():
            rid = f"REC-1X-{tag}-{GRADE_TAG[grade]}"
            cond = {"min_score": 60, "awarding_bodies": [ci["body"]], "outcome_window": {"from": PILOT}}
            result = {"level": level, "credits": ONE_X_CREDITS[grade]}
            if ci["units"].get(grade):
                result["units"] = ci["units"][grade]
            result["validity_years"] = 3
            if code == "1X-IOT-SNAD" and grade == "中级":
                # Revised in 2023: the 中级 credit value went from 5 to 6; the two versions do not overlap.
                rules.append(_rule(rid, 100, eff(PILOT, "2023-08-31"), {"kind": "certificate", "code": code, "grade": grade},
                                   cond, dict(result, credits=5)))
                rules.append(_rule(rid + "-V2", 100, eff("2023-09-01"), {"kind": "certificate", "code": code, "grade": grade},
                                   cond, result))
                continue
            if code == "1X-ROBOT-IO":
                # Withdrawn from the credit bank's list at the end of 2025 (rule-ended afterwards).
                rules.append(_rule(rid, 100, eff(PILOT, "2025-12-31"), {"kind": "certificate", "code": code, "grade": grade},
                                   cond, result))
                continue
            if code == "1X-5G-NO" and grade == "高级":
                # Not recognised before 2027 (not-yet-effective until then).
                rules.append(_rule(rid, 100, eff("2027-01-01"), {"kind": "certificate", "code": code, "grade": grade},
                                   cond, result))
                continue
            rules.append(_rule(rid, 100, eff(PILOT), {"kind": "certificate", "code": code, "grade": grade},
                               cond, result))
        if code == "1X-IOT-IDO":
            # A stricter, higher-priority rule for 高级 certificates with a high score: more units.
            rules.append(_rule("REC-1X-IOT-IDO-S-HONOURS", 150, eff("2024-01-01"),
                               {"kind": "certificate", "code": code, "grade": "高级"},
                               {"min_score": 90, "awarding_bodies": [ci["body"]], "outcome_window": {"from": PILOT}},
                               {"level": 4, "credits": 8,
                                "units": ci["units"]["高级"] + ["IOT-ICS-U18"], "validity_years": 3}))
    return {"kind": "recognition-rules", "rules": rules}


VQ_UNITS = {("VQ-IOT-INST", "四级"): ["IOT-ICS-U01"], ("VQ-IOT-INST", "三级"): ["IOT-ICS-U01", "IOT-ICS-U10"],
            ("VQ-IOT-INST", "二级"): ["IOT-ICS-U10", "IOT-ICS-U12"],
            ("VQ-IOT-INST", "一级"): ["IOT-ICS-U10", "IOT-ICS-U12", "IOT-ICS-U18"],
            ("VQ-ELEC", "五级"): ["IOT-ICS-U17"], ("VQ-ELEC", "四级"): ["IOT-ICS-U17"],
            ("VQ-ICT", "三级"): ["IOT-ICS-U03"], ("VQ-ICT", "二级"): ["IOT-ICS-U03", "IOT-ICS-U11"]}


def vocational(info):
    rules = []
    for code, ci in info.items():
        if ci["scheme"] != "vocational-qualification":
            continue
        tag = code[len("VQ-"):]
        for grade, level in ci["grades"].items():
            result = {"level": level, "credits": VQ_CREDITS[grade]}
            if (code, grade) in VQ_UNITS:
                result["units"] = VQ_UNITS[(code, grade)]
            rules.append(_rule(f"REC-VQ-{tag}-{GRADE_TAG[grade]}", 100, eff("2019-01-01"),
                               {"kind": "certificate", "code": code, "grade": grade},
                               {"min_score": 60}, result))
    return {"kind": "recognition-rules", "rules": rules}


SS_UNITS = {"SS-SMART-HOME": ["IOT-ICS-U15"], "SS-CABLING": ["IOT-ICS-U03"], "SS-EL-ASM": ["IOT-ICS-U17"]}


def special(info):
    rules = []
    for code, ci in info.items():
        if ci["scheme"] != "special-skill":
            continue
        result = {"level": 1, "credits": 2}
        if code in SS_UNITS:
            result["units"] = SS_UNITS[code]
        # Single grade: the grade is omitted in the match (allowed for single-grade certificates).
        rules.append(_rule(f"REC-SS-{code[len('SS-'):]}", 100, eff("2020-01-01"),
                           {"kind": "certificate", "code": code}, {"awarding_bodies": [ci["body"]]}, result))
    return {"kind": "recognition-rules", "rules": rules}


TR_UNITS = {"TR-IOT-INSTALL": ["IOT-ICS-U01"], "TR-IOT-APP": ["IOT-ICS-U06"], "TR-ELEC-SAFETY": ["IOT-ICS-U17"]}


def training(info):
    rules = []
    for i, (code, ci) in enumerate(info.items()):
        if ci["scheme"] != "training":
            continue
        level = ci["grades"]["合格"]
        result = {"level": level, "credits": num(ci["hours"] / 16)}
        if code in TR_UNITS:
            result["units"] = TR_UNITS[code]
        result["validity_years"] = 2
        match = {"kind": "training", "code": code, "grade": "合格"}
        if code in ("TR-ELEC-SAFETY", "TR-CLOUD-OPS"):
            del match["grade"]  # single grade: may be omitted
        rules.append(_rule(f"REC-{code}", 100, eff("2021-01-01"), match,
                           {"awarding_bodies": [ci["body"]]}, result))
    return {"kind": "recognition-rules", "rules": rules}


def awards():
    rules = []
    for (code, _zh, _en, _org, tiers, ranks, units) in catalogues.COMPETITIONS:
        for tier in tiers:
            for rank in ranks:
                if (tier, rank) not in catalogues.AWARD_RESULTS:
                    continue
                level, credits = catalogues.AWARD_RESULTS[(tier, rank)]
                result = {"level": level, "credits": num(credits)}
                if units and tier != "school":
                    result["units"] = units
                result["validity_years"] = 4
                rules.append(_rule(f"REC-AW-{code}-{TIER_TAG[tier]}-{RANK_TAG[rank]}", 100, eff("2019-01-01"),
                                   {"kind": "award", "code": code, "tier": tier, "rank": rank}, None, result))
    return {"kind": "recognition-rules", "rules": rules}


# Specific course rules: (institution, code, min_score, units)
SPECIFIC_COURSES = [
    ("CQ-ZZ-01", "ZZ-EL-101", 60, ["IOT-ICS-U17"]),
    ("CQ-ZZ-01", "ZZ-IOT-201", 60, ["IOT-ICS-U02"]),
    ("CQ-ZZ-01", "ZZ-IOT-202", 60, ["IOT-ICS-U01"]),
    ("CQ-ZZ-01", "ZZ-IOT-205", 60, ["IOT-ICS-U03"]),
    ("CQEIT", "IOT201", 60, ["IOT-ICS-U02"]),
    ("CQEIT", "IOT202", 60, ["IOT-ICS-U01"]),
    ("CQEIT", "IOT203", 60, ["IOT-ICS-U04"]),
    ("CQEIT", "IOT204", 70, ["IOT-ICS-U07"]),
    ("CQEIT", "IOT206", 60, ["IOT-ICS-U06"]),
    ("CQEIT", "IOT208", 70, ["IOT-ICS-U10", "IOT-ICS-U12"]),
    ("CQ-BK-01", "BK-IOT-206", 60, ["IOT-ICS-U11"]),
]


def courses(course_levels):
    """course_levels: (institution, code) -> (level, credits) of every programme course."""
    rules = []
    for inst in ("CQ-ZZ-01", "CQEIT", "CQ-BK-01"):
        rules.append(_rule(f"REC-CRS-{inst}", 10, eff("2019-01-01"),
                           {"kind": "course", "institution": inst}, None, {}))
    for inst, code, min_score, units in SPECIFIC_COURSES:
        level, credits = course_levels[(inst, code)]
        rules.append(_rule(f"REC-CRS-{inst}-{code}", 100, eff("2019-01-01"),
                           {"kind": "course", "institution": inst, "code": code},
                           {"min_score": min_score}, {"level": level, "credits": num(credits), "units": units}))
    return {"kind": "recognition-rules", "rules": rules}


def build(info, course_levels):
    return {"1x": one_x(info), "vocational-qualifications": vocational(info), "special-skills": special(info),
            "training": training(info), "awards": awards(), "courses": courses(course_levels)}
