"""Conversion rules (转换规则), one file per programme: conversion/<programme code>.json.

Kinds used: one-to-one (one outcome -> one course), many-to-one (two units or two certificates -> one
course), one-to-many (a 高级 certificate or a high prize -> two or three courses), award rules with
min_tier / min_rank, zero-credit waivers (credits 0), shareable rules, and course rules from the 中职
programme's courses (中高职衔接) and from 高职 courses to the 职教本科 programme.
"""
from common import eff


def cert(code, min_grade):
    return {"kind": "certificate", "code": code, "min_grade": min_grade}


def tr(code):
    return {"kind": "training", "code": code, "min_grade": "合格"}


def aw(code, min_tier, min_rank):
    return {"kind": "award", "code": code, "min_tier": min_tier, "min_rank": min_rank}


def crs(inst, code):
    return {"kind": "course", "institution": inst, "code": code}


def unit(n):
    return {"unit": f"IOT-ICS-U{n:02d}"}


# programme code -> (number prefix, effective from, [(priority, inputs, exempts, options)])
# options: credits (explicit; 0 = waiver), shareable.
RULES = {
    "CQEIT-510102": ("510102", "2021-09-01", [
        (100, [cert("1X-IOT-IDO", "中级")], ["IOT202"], {}),
        (110, [cert("1X-IOT-IDO", "高级")], ["IOT202", "IOT208"], {}),
        (100, [cert("1X-IOT-SNAD", "中级")], ["IOT203"], {}),
        (100, [cert("1X-IOT-SNAD", "初级")], ["GP104"], {"credits": 0}),
        (100, [unit(5), unit(6)], ["IOT205"], {"credits": 3}),
        (100, [cert("1X-IOT-MCU", "中级")], ["GP106"], {}),
        (100, [cert("1X-IOT-SHI", "中级")], ["IOT209"], {}),
        (100, [cert("1X-CLOUD-POD", "中级"), cert("1X-IOT-EIO", "中级")], ["IOT206"], {}),
        (100, [cert("1X-MOBILE", "中级")], ["IOT207"], {}),
        (100, [cert("1X-EDGE-ESW", "中级")], ["IOT204"], {}),
        (120, [aw("NVSC-IOT", "national", "third")], ["IOT208", "IOT210"], {"credits": 7}),
        (130, [aw("NVSC-IOT", "national", "first")], ["IOT208", "IOT210", "IOT206"], {"credits": 8}),
        (100, [aw("CQVSC-IOT", "provincial", "second")], ["IOT210"], {}),
        (100, [aw("WSC-CABLING", "national", "third")], ["GP103"], {}),
        (90, [cert("VQ-IOT-INST", "三级")], ["IOT202"], {}),
        (100, [cert("VQ-ELEC", "四级")], ["GP101"], {"shareable": True}),
        (80, [crs("CQ-ZZ-01", "ZZ-EL-101")], ["GP101"], {}),
        (80, [crs("CQ-ZZ-01", "ZZ-CS-101")], ["GP103"], {}),
        (80, [crs("CQ-ZZ-01", "ZZ-CS-102")], ["GP102"], {}),
        (100, [cert("1X-AI-DL", "高级")], ["GX301"], {}),
        (100, [cert("1X-IIOT-IO", "高级")], ["GX302"], {}),
        (100, [tr("TR-PY-BASIC")], ["GP105"], {"credits": 0}),
        (100, [unit(1), unit(2)], ["IOT201"], {}),
        (100, [aw("INTERNET-PLUS", "national", "second")], ["GX304"], {"credits": 0, "shareable": True}),
    ]),
    "CQEIT-510203": ("510203", "2021-09-01", [
        (100, [cert("1X-WEB-FE", "中级")], ["SWT202"], {}),
        (110, [cert("1X-WEB-FE", "高级")], ["SWT202", "SWT209"], {}),
        (100, [cert("1X-JAVA", "中级")], ["SWT201"], {}),
        (110, [cert("1X-JAVA", "高级")], ["SWT201", "SWT203", "SWT204"], {"credits": 8}),
        (100, [cert("1X-MOBILE", "中级")], ["SWT205"], {}),
        (100, [cert("1X-SW-TEST", "中级")], ["SWT206"], {}),
        (100, [cert("1X-UI", "中级")], ["SWT207"], {}),
        (100, [cert("1X-DB", "中级")], ["GP107"], {"shareable": True}),
        (100, [cert("1X-BD-PY", "中级")], ["GP105"], {}),
        (90, [cert("VQ-PROG", "三级")], ["SWT201"], {}),
        (90, [cert("VQ-PROG", "四级")], ["GP102"], {}),
        (120, [aw("NVSC-SWT", "national", "third")], ["SWT206", "SWT208"], {}),
        (120, [aw("NVSC-MAD", "national", "third")], ["SWT205"], {}),
        (120, [aw("WSC-MAD", "national", "third")], ["SWT205", "SWT209"], {}),
        (100, [aw("NVSC-BC", "national", "second")], ["GX304"], {}),
        (100, [cert("1X-JAVA", "中级"), cert("1X-DB", "中级")], ["SWT203"], {}),
        (80, [crs("CQ-ZZ-01", "ZZ-CS-102")], ["GP102"], {}),
        (80, [crs("CQ-ZZ-01", "ZZ-CS-101")], ["GP103"], {}),
        (100, [tr("TR-PY-BASIC")], ["GP105"], {"credits": 0}),
        (100, [unit(9)], ["SWT202"], {"credits": 3}),
        (100, [aw("INTERNET-PLUS", "provincial", "first")], ["GX305"], {}),
    ]),
    "CQEIT-510103": ("510103", "2021-09-01", [
        (100, [cert("1X-EL-ASM", "中级")], ["AET203"], {}),
        (110, [cert("1X-EL-ASM", "高级")], ["AET203", "AET210"], {}),
        (100, [cert("1X-IC-DT", "中级")], ["AET209"], {}),
        (100, [cert("1X-IOT-MCU", "中级")], ["GP106"], {}),
        (110, [cert("1X-IOT-MCU", "高级")], ["GP106", "AET206"], {}),
        (100, [cert("1X-EDGE-ESW", "中级")], ["AET206"], {}),
        (100, [cert("VQ-EIA", "三级")], ["AET207"], {}),
        (110, [cert("VQ-EIA", "二级")], ["AET207", "AET210", "AET203"], {"credits": 8}),
        (100, [cert("VQ-ELEC", "四级")], ["GP101"], {"shareable": True}),
        (120, [aw("NVSC-EPD", "national", "third")], ["AET208", "AET205"], {}),
        (100, [aw("NUEDC", "provincial", "second")], ["AET208"], {}),
        (120, [aw("NVSC-EMB", "national", "third")], ["AET206"], {}),
        (100, [unit(1), unit(2)], ["AET204"], {}),
        (80, [crs("CQ-ZZ-01", "ZZ-EL-101")], ["GP101"], {}),
        (80, [crs("CQ-ZZ-01", "ZZ-IOT-203")], ["GP106"], {"credits": 2}),
        (100, [cert("1X-IOT-SNAD", "中级"), cert("1X-IOT-MCU", "中级")], ["AET208"], {}),
        (100, [cert("1X-IIOT-IO", "高级")], ["GX302"], {}),
    ]),
    "CQEIT-510206": ("510206", "2021-09-01", [
        (100, [cert("1X-CLOUD-POD", "中级")], ["CCT203"], {}),
        (110, [cert("1X-CLOUD-POD", "高级")], ["CCT203", "CCT202"], {}),
        (100, [cert("1X-CLOUD-DO", "中级")], ["CCT208"], {}),
        (100, [cert("1X-BD-PO", "中级")], ["CCT206"], {}),
        (100, [cert("1X-NET-SYS", "中级")], ["CCT205"], {}),
        (100, [cert("1X-NET-SYS", "初级")], ["GP103"], {}),
        (100, [cert("1X-DB", "中级")], ["GP107"], {"shareable": True}),
        (100, [cert("1X-CLOUD-POD", "中级"), cert("1X-CLOUD-DO", "中级")], ["CCT204"], {}),
        (120, [aw("NVSC-CLOUD", "national", "third")], ["CCT203", "CCT204"], {}),
        (130, [aw("WSC-CLOUD", "international", "merit")], ["CCT201", "CCT203"], {}),
        (100, [aw("CQVSC-CLOUD", "provincial", "second")], ["CCT203"], {}),
        (100, [cert("VQ-ICT", "三级")], ["CCT205"], {}),
        (100, [unit(6)], ["CCT201"], {"credits": 2}),
        (80, [crs("CQ-ZZ-01", "ZZ-CS-101")], ["GP103"], {}),
        (100, [cert("1X-AI-ICP", "高级")], ["GX301"], {}),
        (100, [cert("1X-BD-PY", "中级")], ["GP105"], {}),
        (100, [tr("TR-CLOUD-OPS")], ["GP108"], {"credits": 0}),
        (120, [aw("NVSC-BD", "national", "third")], ["CCT206", "GX306"], {}),
        (100, [cert("1X-JAVA", "中级")], ["CCT210"], {}),
    ]),
    "CQEIT-460702": ("460702", "2021-09-01", [
        (100, [cert("1X-NEV-SMART", "中级")], ["NEV209"], {}),
        (110, [cert("1X-NEV-SMART", "高级")], ["NEV209", "NEV204"], {}),
        (100, [cert("1X-NEV-MOTOR", "中级")], ["NEV204", "NEV205"], {}),
        (100, [cert("1X-NEV-HVAC", "中级")], ["NEV207"], {}),
        (100, [cert("1X-NEV-CHASSIS", "中级")], ["NEV208"], {}),
        (100, [cert("1X-AUTO", "中级")], ["NEV203"], {}),
        (100, [cert("1X-ICV-DO", "中级")], ["NEV211"], {}),
        (110, [cert("1X-ICV-DO", "高级")], ["NEV211", "GX307"], {}),
        (100, [cert("VQ-AUTO", "三级")], ["NEV201"], {}),
        (100, [cert("VQ-AUTO", "四级")], ["NEV101"], {}),
        (100, [cert("VQ-ELEC", "四级")], ["GP101"], {"shareable": True}),
        (120, [aw("NVSC-NEV", "national", "third")], ["NEV209", "NEV204"], {}),
        (100, [aw("CQVSC-NEV", "provincial", "second")], ["NEV209"], {}),
        (100, [tr("TR-NEV-SAFETY")], ["NEV103"], {}),
        (100, [cert("VQ-ELEC", "三级"), cert("1X-NEV-MOTOR", "中级")], ["NEV212"], {}),
        (80, [crs("CQ-ZZ-01", "ZZ-EL-101")], ["GP101"], {}),
        (100, [cert("1X-NEV-SMART", "初级")], ["NEV102"], {"credits": 0}),
    ]),
    "CQ-ZZ-01-710102": ("710102", "2021-09-01", [
        (100, [cert("1X-IOT-IDO", "初级")], ["ZZ-IOT-202"], {}),
        (100, [cert("1X-IOT-SHI", "初级")], ["ZZ-IOT-204"], {}),
        (100, [cert("1X-IOT-MCU", "初级")], ["ZZ-IOT-203"], {}),
        (100, [cert("1X-IOT-SNAD", "初级")], ["ZZ-IOT-201"], {}),
        (100, [cert("VQ-ELEC", "五级")], ["ZZ-EL-101"], {"shareable": True}),
        (100, [cert("SS-SMART-HOME", "合格")], ["ZZ-IOT-101"], {}),
        (100, [cert("SS-CABLING", "合格")], ["ZZ-CS-101"], {"credits": 2}),
        (100, [tr("TR-IOT-INSTALL")], ["ZZ-IOT-101"], {"credits": 0}),
        (120, [aw("NVSC-IOT-ZZ", "national", "third")], ["ZZ-IOT-202", "ZZ-IOT-206"], {"credits": 6}),
        (100, [aw("CQVSC-IOT-ZZ", "provincial", "third")], ["ZZ-IOT-206"], {}),
        (100, [cert("1X-MOBILE", "初级")], ["ZZ-IOT-207"], {}),
        (100, [unit(1), unit(2)], ["ZZ-IOT-201"], {}),
        (100, [cert("1X-BD-PY", "初级")], ["ZZ-IOT-301"], {}),
    ]),
    "CQ-BK-01-310102": ("310102", "2023-09-01", [
        (80, [crs("CQEIT", "IOT201")], ["BK-IOT-201"], {}),
        (80, [crs("CQEIT", "IOT204")], ["BK-IOT-202"], {}),
        (80, [crs("CQEIT", "GP103")], ["BK-IOT-105"], {"credits": 3}),
        (80, [crs("CQEIT", "GP102")], ["BK-IOT-103"], {}),
        (100, [cert("1X-IOT-IDO", "高级")], ["BK-IOT-205"], {}),
        (110, [cert("1X-IOT-SNAD", "高级")], ["BK-IOT-203", "BK-IOT-201"], {}),
        (100, [cert("1X-AI-DL", "高级")], ["BK-IOT-301"], {}),
        (100, [cert("1X-IIOT-IO", "高级")], ["BK-IOT-209"], {}),
        (100, [cert("1X-EDGE-ESW", "高级")], ["BK-IOT-207"], {}),
        (120, [aw("NVSC-IOT", "national", "first")], ["BK-IOT-204", "BK-IOT-205"], {}),
        (120, [aw("WSC-CLOUD", "international", "third")], ["BK-IOT-204"], {}),
        (100, [cert("1X-BD-PO", "中级"), cert("1X-BD-PY", "中级")], ["BK-IOT-208"], {}),
        (100, [unit(11)], ["BK-IOT-206"], {}),
        (100, [aw("INTERNET-PLUS", "national", "second")], ["BK-IOT-303"], {"credits": 0}),
    ]),
}


def build():
    """Returns {programme code: conversion-rules document}."""
    out = {}
    for prog, (prefix, start, rules) in RULES.items():
        doc_rules = []
        for i, (prio, inputs, exempts, opts) in enumerate(rules, start=1):
            r = {"id": f"CNV-{prefix}-{i:03d}", "priority": prio, "effective": eff(start),
                 "inputs": inputs, "exempts": exempts}
            if "credits" in opts:
                r["credits"] = opts["credits"]
            if "shareable" in opts:
                r["shareable"] = opts["shareable"]
            doc_rules.append(r)
        out[prog] = {"kind": "conversion-rules", "programme": prog, "rules": doc_rules}
    return out
