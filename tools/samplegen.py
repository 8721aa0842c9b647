"""Writes the sample learner input (tests/data/learners_sample.jsonl and .csv) and a sample of the
decision format (tests/data/decisions_sample.jsonl).

Usage: python3 tools/samplegen.py
Every code refers to the shipped catalogues (rules/) except where a learner deliberately presents an
unknown one (marked UNKNOWN below); the script checks that.
"""
import csv
import io
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UNKNOWN = {"1X-IOT-XYZ", "CQ-ZZ-02/ZZ-NET-110"}


def C(code, grade, score, date, body=None):
    o = {"kind": "certificate", "code": code, "grade": grade}
    if score is not None:
        o["score"] = score
    o["date"] = date
    if body:
        o["awarding_body"] = body
    return o


def A(code, tier, rank, date):
    return {"kind": "award", "code": code, "tier": tier, "rank": rank, "date": date}


def K(inst, code, score, date):
    return {"kind": "course", "institution": inst, "code": code, "score": score, "date": date}


def TR(code, date, body):
    return {"kind": "training", "code": code, "grade": "合格", "date": date, "awarding_body": body}


Z, G, B = "CQ-ZZ-01", "CQEIT", "CQ-BK-01"
LEARNERS = [
    ("张伟", [C("1X-IOT-IDO", "中级", 82, "2023-06-18", "ZYCX"), A("NVSC-IOT", "national", "second", "2024-05-20"),
             K(Z, "ZZ-EL-101", 88, "2022-01-15"), TR("TR-IOT-INSTALL", "2024-08-01", "CQ-PTC")]),
    ("王芳", [C("1X-IOT-SNAD", "中级", 75, "2022-12-10", "NEWLAND-EDU"),
             C("1X-IOT-MCU", "中级", 68, "2023-06-01", "EVAL-IOT-MCU")]),
    ("李娜", [C("1X-WEB-FE", "高级", 91, "2024-01-12", "MIIT-CEE"), C("1X-JAVA", "中级", 77, "2023-07-01", "EVAL-JAVA"),
             C("1X-DB", "中级", 70, "2023-12-01", "EVAL-DB")]),
    ("刘洋", [C("1X-CLOUD-POD", "中级", 80, "2023-11-20", "EVAL-CLOUD-POD"),
             C("1X-CLOUD-DO", "中级", 72, "2024-03-15", "EVAL-CLOUD-DO"),
             A("NVSC-CLOUD", "national", "third", "2024-06-10")]),
    ("陈静", [C("1X-NEV-SMART", "高级", 85, "2024-04-20", "ZCX"), C("VQ-AUTO", "三级", 78, "2022-10-08", "CQ-HRSS"),
             TR("TR-NEV-SAFETY", "2024-03-02", "CHANGAN")]),
    ("杨磊", [K(Z, "ZZ-EL-101", 85, "2021-07-01"), K(Z, "ZZ-CS-101", 78, "2021-07-01"),
             K(Z, "ZZ-CS-102", 66, "2022-01-10"), K(Z, "ZZ-IOT-101", 90, "2021-01-12"),
             K(Z, "ZZ-IOT-201", 55, "2022-07-01"), K(Z, "ZZ-GE-105", 92, "2021-07-01")]),
    ("赵敏", [C("1X-IOT-IDO", "初级", 52, "2024-06-01", "ZYCX")]),
    ("黄强", [C("1X-IOT-IDO", "中级", 79, "2023-12-09", "NEWLAND-EDU")]),
    ("周婷", [C("1X-WEB-FE", "初级", 80, "2019-01-15", "MIIT-CEE")]),
    ("吴刚", [C("1X-IOT-XYZ", "中级", 80, "2024-01-01", "ZYCX"), C("1X-UI", "特级", 80, "2024-01-01", "EVAL-UI")]),
    ("徐丽", [C("1X-NET-SYS", "中级", 81, "2020-06-01", "HUAWEI"), C("1X-NET-SYS", "初级", 88, "2019-12-01", "HUAWEI")]),
    ("孙浩", [C("1X-IOT-IDO", "中级", 90, "2030-01-01", "ZYCX")]),
    ("马超", [A("WSC-CLOUD", "international", "excellence", "2022-10-20"),
             A("WSC-CABLING", "national", "bronze", "2023-07-15")]),
    ("朱琳", [C("1X-5G-NO", "高级", 86, "2025-05-10", "EVAL-5G-NO"), C("1X-ROBOT-IO", "中级", 75, "2024-11-11", "XINAO")]),
    ("胡军", [K(G, "IOT201", 86, "2022-01-10"), K(G, "IOT204", 74, "2022-07-05"), K(G, "GP103", 80, "2021-07-02"),
             K(G, "GP102", 91, "2021-01-15"), K(G, "GE101", 88, "2021-01-15"), K(G, "GE104", 70, "2022-01-10"),
             K(G, "IOT203", 65, "2022-07-05"), K(G, "IOT206", 77, "2023-01-08"),
             C("1X-IOT-IDO", "高级", 92, "2024-05-18", "ZYCX")]),
    ("郭敏", [C("SS-SMART-HOME", "合格", None, "2023-05-20", "CQ-HRSS"), C("SS-CABLING", "合格", None, "2023-11-02", "CQ-HRSS"),
             TR("TR-IOT-INSTALL", "2023-08-15", "CQ-PTC"), C("1X-IOT-SHI", "初级", 73, "2024-06-22", "EVAL-IOT-SHI")]),
    ("何静", [C("VQ-ELEC", "四级", 80, "2021-05-16", "CQ-HRSS"), C("VQ-EIA", "二级", 82, "2023-09-09", "CQ-HRSS")]),
    ("高峰", [A("INTERNET-PLUS", "national", "silver", "2023-10-20"), A("CQEIT-SKILLS", "school", "first", "2022-12-01")]),
    ("林晓", [A("NUEDC", "provincial", "second", "2023-08-12"), A("NVSC-EPD", "national", "third", "2024-06-01"),
             C("1X-EL-ASM", "高级", 88, "2024-01-20", "EVAL-EL-ASM")]),
    ("罗婷", [C("1X-BD-PO", "中级", 77, "2023-06-30", "EVAL-BD-PO"), C("1X-BD-PY", "中级", 81, "2023-12-16", "EVAL-BD-PY"),
             A("NVSC-BD", "national", "first", "2024-05-25")]),
    ("梁宇", [C("1X-MOBILE", "中级", 85, "2023-06-10", "EVAL-MOBILE"), A("NVSC-MAD", "national", "second", "2023-05-28"),
             A("WSC-MAD", "national", "gold", "2024-09-10")]),
    ("宋佳", [C("1X-AI-DL", "高级", 79, "2024-07-01", "BAIDU"), C("1X-IIOT-IO", "高级", 83, "2024-05-05", "ROOTCLOUD"),
             C("1X-EDGE-ESW", "高级", 88, "2023-12-12", "EVAL-EDGE-ESW")]),
    ("郑凯", [K("CQ-ZZ-02", "ZZ-NET-110", 84, "2022-07-01"), TR("TR-PY-BASIC", "2024-01-20", "CQEIT")]),
    ("谢磊", [C("VQ-IOT-INST", "三级", 80, "2023-04-16", "CQ-HRSS"), C("VQ-ICT", "三级", 75, "2024-04-20", "CQ-HRSS")]),
    ("韩雪", [A("CQVSC-IOT", "provincial", "first", "2023-04-22"), A("NVSC-IOT", "national", "first", "2024-05-20"),
             C("1X-IOT-IDO", "高级", 84, "2024-10-26", "ZYCX")]),
    ("唐亮", [C("VQ-PROG", "四级", 71, "2020-09-12", "CQ-HRSS"), C("VQ-PROG", "三级", 66, "2023-09-16", "CQ-HRSS")]),
    ("冯雨", [A("NVSC-IOT-ZZ", "national", "third", "2024-06-05"), A("CQVSC-IOT-ZZ", "provincial", "third", "2023-11-18"),
             C("1X-IOT-IDO", "初级", 76, "2024-06-15", "ZYCX"), C("1X-IOT-MCU", "初级", 69, "2024-12-07", "EVAL-IOT-MCU")]),
    ("董洁", [C("1X-NEV-MOTOR", "中级", 80, "2024-06-09", "ZCX"), C("VQ-ELEC", "三级", 74, "2022-11-19", "CQ-HRSS"),
             C("1X-NEV-HVAC", "中级", 78, "2024-11-30", "ZCX"), A("CQVSC-NEV", "provincial", "second", "2023-12-10")]),
    ("程浩", [A("BRICS-SKILLS", "international", "third", "2023-11-25"),
             C("SS-EV-CHARGE", "合格", None, "2024-03-16", "CQ-HRSS")]),
    ("曹颖", [K(B, "BK-IOT-206", 82, "2025-01-10"), TR("TR-CLOUD-OPS", "2024-07-20", "CQ-PTC"),
             C("1X-CLOUD-POD", "高级", None, "2024-12-14", "EVAL-CLOUD-POD")]),
    ("邓超", []),
]

CSV_LEARNERS = [
    ("C2024000201", "陈晨", [C("1X-IOT-IDO", "中级", 77, "2024-06-15", "ZYCX"), K(Z, "ZZ-EL-101", 81, "2022-07-01"),
                           A("CQVSC-IOT", "provincial", "second", "2024-04-20"), TR("TR-IOT-APP", "2024-08-20", "CMIOT")]),
    ("C2024000202", "Smith, John", [C("1X-WEB-FE", "中级", 66, "2023-12-02", "MIIT-CEE"),
                                    A("NVSC-SWT", "national", "third", "2024-05-12")]),
    ("C2024000203", "欧阳娜娜", [C("VQ-ELEC", "五级", 70, "2022-06-11", "CQ-HRSS"),
                              C("SS-SMART-HOME", "合格", None, "2023-05-20", "CQ-HRSS"),
                              TR("TR-ELEC-SAFETY", "2023-03-01", "CQ-PTC")]),
    ("C2024000204", "", [K(G, "GP102", 85, "2022-01-12"), K(G, "IOT204", 58, "2022-07-04"),
                         C("1X-IOT-SNAD", "高级", 90, "2024-11-09", "NEWLAND-EDU")]),
    ("C2024000205", "王磊", [A("WSC-CLOUD", "international", "first", "2024-09-15"),
                           C("1X-CLOUD-POD", "高级", 95, "2024-06-01", "EVAL-CLOUD-POD")]),
]

# The decision format, illustrated by hand for two learners above on 2025-09-01 under programme
# CQEIT-510102 (worked from docs/conversion.md; the engine's output is the authority). rule_set is a
# placeholder, not the hash of the shipped rules.
U = lambda *ns: [f"IOT-ICS-U{n:02d}" for n in ns]  # noqa: E731
DECISIONS = [
    {"learner": "S2024000101", "programme": "CQEIT-510102", "date": "2025-09-01", "rule_set": "0" * 64,
     "granted": 15, "cap": 37.8,
     "certifications": [
         {"outcome": "o1", "status": "certified", "rule": "REC-1X-IOT-IDO-M", "level": 3, "credits": 6,
          "units": U(1, 3, 10), "valid_until": "2026-06-18"},
         {"outcome": "o2", "status": "certified", "rule": "REC-AW-NVSC-IOT-NAT-2", "level": 4, "credits": 6,
          "units": U(3, 5, 6, 10), "valid_until": "2028-05-20"},
         {"outcome": "o3", "status": "certified", "rule": "REC-CRS-CQ-ZZ-01-ZZ-EL-101", "level": 2, "credits": 6,
          "units": U(17), "valid_until": None},
         {"outcome": "o4", "status": "certified", "rule": "REC-TR-IOT-INSTALL", "level": 1, "credits": 2,
          "units": U(1), "valid_until": "2026-08-01"}],
     "exemptions": [
         {"course": "IOT202", "credits": 4, "outcomes": ["o1"], "rule": "CNV-510102-001", "path": []},
         {"course": "IOT208", "credits": 4, "outcomes": ["o2"], "rule": "CNV-510102-011", "path": []},
         {"course": "IOT210", "credits": 3, "outcomes": ["o2"], "rule": "CNV-510102-011", "path": []},
         {"course": "GP101", "credits": 4, "outcomes": ["o3"], "rule": "CNV-510102-017", "path": []}],
     "not_used": [
         {"outcome": "o4", "reason": "level-too-low",
          "detail": "level 1 is below 3, the level core course IOT202 requires"}],
     "not_chosen": [
         {"courses": ["IOT202"], "rule": "EQ-UC-001", "outcomes": ["o1"], "reason": "course-taken",
          "detail": "IOT202 is already exempted by CNV-510102-001"},
         {"courses": ["GP103"], "rule": "EQ-UC-002", "outcomes": ["o1"], "reason": "used-elsewhere",
          "detail": "o1 is already used by CNV-510102-001, which is not shareable"},
         {"courses": ["IOT208"], "rule": "EQ-UC-003", "outcomes": ["o1"], "reason": "course-taken",
          "detail": "IOT208 is already exempted by CNV-510102-011"},
         {"courses": ["GP103"], "rule": "EQ-UC-002", "outcomes": ["o2"], "reason": "used-elsewhere",
          "detail": "o2 is already used by CNV-510102-011, which is not shareable"},
         {"courses": ["IOT208"], "rule": "EQ-UC-003", "outcomes": ["o2"], "reason": "course-taken",
          "detail": "IOT208 is already exempted by CNV-510102-011"},
         {"courses": ["GP101"], "rule": "EQ-ZZ-GZ-001", "outcomes": ["o3"], "reason": "course-taken",
          "detail": "GP101 is already exempted by CNV-510102-017"},
         {"courses": ["IOT202"], "rule": "EQ-UC-001", "outcomes": ["o4"], "reason": "level-too-low",
          "detail": "level 1 is below 3, the level core course IOT202 requires"}]},
    {"learner": "S2024000107", "programme": "CQEIT-510102", "date": "2025-09-01", "rule_set": "0" * 64,
     "granted": 0, "cap": 37.8,
     "certifications": [
         {"outcome": "o1", "status": "rejected", "reason": "below-min-score",
          "detail": "REC-1X-IOT-IDO-J requires a score of at least 60, got 52"}],
     "exemptions": [],
     "not_used": [
         {"outcome": "o1", "reason": "below-min-score",
          "detail": "REC-1X-IOT-IDO-J requires a score of at least 60, got 52"}],
     "not_chosen": []},
]

CSV_HEADER = ["learner_id", "name", "outcome_id", "kind", "code", "institution", "grade", "tier", "rank", "score",
              "date", "awarding_body"]


def catalogue():
    """Known codes: certificates {code: grades}, competitions {code: tiers}, courses {(inst, code)}."""
    certs, comps, courses = {}, {}, set()
    for dirpath, _d, files in os.walk(os.path.join(REPO, "rules")):
        for name in files:
            if not name.endswith(".json"):
                continue
            doc = json.load(open(os.path.join(dirpath, name), encoding="utf-8"))
            if doc["kind"] == "certificates":
                for c in doc["certificates"]:
                    certs[c["code"]] = (c["scheme"], {g["grade"] for g in c["grades"]})
            elif doc["kind"] == "competitions":
                comps.update({c["code"]: set(c["tiers"]) for c in doc["competitions"]})
            elif doc["kind"] == "programme":
                courses.update((doc["institution"], c["code"]) for c in doc["courses"])
    return certs, comps, courses


def check(learners):
    certs, comps, courses = catalogue()
    errors = []
    for lid, _name, outcomes in learners:
        for o in outcomes:
            key = f"{o.get('institution')}/{o['code']}" if o["kind"] == "course" else o["code"]
            if key in UNKNOWN:
                continue
            if o["kind"] in ("certificate", "training"):
                ok = o["code"] in certs and (certs[o["code"]][0] == "training") == (o["kind"] == "training")
                ok = ok and (o["grade"] in certs[o["code"]][1] or o["grade"] == "特级")
            elif o["kind"] == "award":
                ok = o["code"] in comps and o["tier"] in comps[o["code"]]
            else:
                ok = (o["institution"], o["code"]) in courses
            if not ok:
                errors.append(f"{lid}: {key}")
    return errors


def with_ids(outcomes):
    return [dict({"id": f"o{i}"}, **o) for i, o in enumerate(outcomes, start=1)]


def main():
    learners = [(f"S2024000{101 + i}", name, outs) for i, (name, outs) in enumerate(LEARNERS)]
    errors = check(learners) + check(CSV_LEARNERS)
    for e in errors:
        print("error: unknown code", e)
    if errors:
        return 1
    out_dir = os.path.join(REPO, "tests", "data")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "learners_sample.jsonl"), "w", encoding="utf-8") as f:
        for lid, name, outs in learners:
            f.write(json.dumps({"learner_id": lid, "name": name, "outcomes": with_ids(outs)}, ensure_ascii=False))
            f.write("\n")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for lid, name, outs in CSV_LEARNERS:
        for o in with_ids(outs):
            row = dict(o, learner_id=lid, name=name, outcome_id=o["id"])
            w.writerow(["" if row.get(c) is None else row.get(c) for c in CSV_HEADER])
    with open(os.path.join(out_dir, "learners_sample.csv"), "w", encoding="utf-8") as f:
        f.write(buf.getvalue())
    with open(os.path.join(out_dir, "decisions_sample.jsonl"), "w", encoding="utf-8") as f:
        for d in DECISIONS:
            f.write(json.dumps(d, ensure_ascii=False))
            f.write("\n")
    print(f"wrote {len(learners)} learners (JSON Lines) and {len(CSV_LEARNERS)} learners (CSV)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
