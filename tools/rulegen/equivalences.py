"""Equivalences (学分互认): 中职 -> 高职 (中高职衔接, one-way), 高职 -> 职教本科 (one-way), mutual
equivalences between sister programmes' courses whose codes differ, certificate grade <-> IoT standard
unit, and IoT standard unit -> course.

Files: equivalences/zz-gz.json, gz-bk.json, sister-programmes.json, certificate-units.json,
unit-courses.json.
"""
from common import eff


def course(inst, code):
    return {"course": {"institution": inst, "code": code}}


def cert(code, grade):
    return {"certificate": {"code": code, "grade": grade}}


def unit(n):
    return {"unit": f"IOT-ICS-U{n:02d}"}


Z, G, B = "CQ-ZZ-01", "CQEIT", "CQ-BK-01"

# file -> (id prefix, effective from, direction, [(from, to, ratio)])
FILES = {
    "zz-gz": ("EQ-ZZ-GZ", "2020-09-01", "one-way", [
        (course(Z, "ZZ-EL-101"), course(G, "GP101"), 1),
        (course(Z, "ZZ-CS-101"), course(G, "GP103"), 0.8),
        (course(Z, "ZZ-CS-102"), course(G, "GP102"), 0.75),
        (course(Z, "ZZ-IOT-101"), course(G, "GP104"), 1),
        (course(Z, "ZZ-IOT-203"), course(G, "GP106"), 0.6),
        (course(Z, "ZZ-IOT-201"), course(G, "IOT201"), 0.5),
        (course(Z, "ZZ-IOT-202"), course(G, "IOT202"), 0.5),
        (course(Z, "ZZ-GE-102"), course(G, "GE105"), 0.5),
        (course(Z, "ZZ-GE-103"), course(G, "GE104"), 0.5),
        (course(Z, "ZZ-GE-105"), course(G, "GE107"), 1),
        (course(Z, "ZZ-IOT-301"), course(G, "GP105"), 0.5),
    ]),
    "gz-bk": ("EQ-GZ-BK", "2023-09-01", "one-way", [
        (course(G, "GE101"), course(B, "BK-GE-101"), 1),
        (course(G, "GE104"), course(B, "BK-GE-103"), 0.75),
        (course(G, "GE105"), course(B, "BK-GE-104"), 0.4),
        (course(G, "GE106"), course(B, "BK-GE-108"), 1),
        (course(G, "GP101"), course(B, "BK-IOT-101"), 0.8),
        (course(G, "GP102"), course(B, "BK-IOT-103"), 1),
        (course(G, "GP103"), course(B, "BK-IOT-105"), 0.8),
        (course(G, "GP104"), course(B, "BK-IOT-106"), 1),
        (course(G, "IOT201"), course(B, "BK-IOT-201"), 0.8),
        (course(G, "IOT203"), course(B, "BK-IOT-203"), 0.75),
        (course(G, "IOT204"), course(B, "BK-IOT-202"), 0.8),
        (course(G, "IOT206"), course(B, "BK-IOT-204"), 0.6),
        (course(G, "AET204"), course(B, "BK-IOT-201"), 0.7),
    ]),
    "sister-programmes": ("EQ-GZ-MUT", "2021-09-01", "mutual", [
        (course(G, "IOT201"), course(G, "AET204"), 1),
        (course(G, "IOT204"), course(G, "AET206"), 1),
        (course(G, "SWT201"), course(G, "CCT210"), 1),
        (course(G, "IOT207"), course(G, "SWT205"), 0.8),
        (course(G, "IOT206"), course(G, "CCT201"), 0.75),
        (course(G, "NEV211"), course(G, "GX307"), 0.5),
    ]),
    "certificate-units": ("EQ-CU", "2021-01-01", "mutual", [
        (cert("VQ-ELEC", "四级"), unit(17), 1),
        (cert("VQ-ELEC", "三级"), unit(1), 0.5),
        (cert("VQ-IOT-INST", "四级"), unit(1), 1),
        (cert("VQ-IOT-INST", "三级"), unit(10), 1),
        (cert("VQ-ICT", "三级"), unit(3), 0.8),
        (cert("VQ-PROG", "三级"), unit(9), 0.5),
        (cert("VQ-EIA", "三级"), unit(2), 0.5),
    ]),
    "unit-courses": ("EQ-UC", "2021-09-01", "one-way", [
        (unit(1), course(G, "IOT202"), 0.5),
        (unit(3), course(G, "GP103"), 0.5),
        (unit(10), course(G, "IOT208"), 0.75),
        (unit(7), course(G, "IOT204"), 0.5),
        (unit(17), course(Z, "ZZ-EL-101"), 0.5),
        (unit(11), course(B, "BK-IOT-206"), 0.6),
        (unit(2), course(G, "AET204"), 0.5),
    ]),
}


def build():
    out = {}
    for name, (prefix, start, direction, edges) in FILES.items():
        out[name] = {"kind": "equivalences", "equivalences": [
            {"id": f"{prefix}-{i:03d}", "priority": 100, "effective": eff(start), "from": f, "to": t,
             "ratio": r, "direction": direction}
            for i, (f, t, r) in enumerate(edges, start=1)]}
    return out
