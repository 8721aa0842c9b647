"""Certificate catalogue: 1+X vocational skill level certificates, vocational qualification
(职业技能等级) certificates, special-skill (专项职业能力) certificates and training programmes.

Names follow the Ministry of Education's published 1+X certificate list (职业技能等级证书目录) as far as the
author is confident of them. An awarding body (培训评价组织) is named by its company only where that is
known with confidence; otherwise it is named plainly after the certificate, with a code starting
"EVAL-", and rules/README.md says so.

Each entry also carries, for the recognition rules (not written to the catalogue):
  units: {grade: [IoT standard unit codes]}.
"""
from common import T

# Awarding bodies: code -> name.
BODIES = {
    "ZYCX": T("中盈创信（北京）科技有限公司", "Zhongying Chuangxin (Beijing) Technology Co., Ltd."),
    "NEWLAND-EDU": T("北京新大陆时代教育科技有限公司", "Beijing Newland Era Education Technology Co., Ltd."),
    "MIIT-CEE": T("工业和信息化部教育与考试中心", "MIIT Center for Education and Examination"),
    "HUAWEI": T("华为技术有限公司", "Huawei Technologies Co., Ltd."),
    "BAIDU": T("百度在线网络技术（北京）有限公司", "Baidu Online Network Technology (Beijing) Co., Ltd."),
    "SUGON": T("曙光信息产业股份有限公司", "Sugon Information Industry Co., Ltd."),
    "ROOTCLOUD": T("树根互联股份有限公司", "Rootcloud Technology Co., Ltd."),
    "XINAO": T("北京新奥时代科技有限责任公司", "Beijing Xinao Era Technology Co., Ltd."),
    "LANGXUN": T("杭州朗迅科技有限公司", "Hangzhou Langxun Technology Co., Ltd."),
    "ZCX": T("北京中车行高新技术有限公司", "Beijing Zhongchexing High-Tech Co., Ltd."),
    "CQ-HRSS": T("重庆市人力资源和社会保障局（职业技能等级认定）",
                 "Chongqing Municipal Human Resources and Social Security Bureau (skill level assessment)"),
    "CQ-PTC": T("重庆市职业技能公共实训中心", "Chongqing Public Vocational Skills Training Centre"),
    "CMIOT": T("中移物联网有限公司", "China Mobile IoT Co., Ltd."),
    "CHANGAN": T("重庆长安汽车股份有限公司", "Chongqing Changan Automobile Co., Ltd."),
    "CQEIT": T("重庆电子工程职业学院", "Chongqing College of Electronic Engineering"),
}


def _eval_body(code, cert_zh):
    BODIES[code] = T(f"{cert_zh}职业技能等级证书培训评价组织",
                     f"training and evaluation organisation of the {cert_zh} certificate")
    return code


X_GRADES = [("初级", 2), ("中级", 3), ("高级", 4)]

# (code suffix, zh, en, body or None (plain), units by grade J/M/S)
ONE_X = [
    ("IOT-IDO", "物联网安装调试与运维", "IoT Installation, Commissioning and Maintenance", "ZYCX",
     (["IOT-ICS-U01"], ["IOT-ICS-U01", "IOT-ICS-U03", "IOT-ICS-U10"],
      ["IOT-ICS-U01", "IOT-ICS-U03", "IOT-ICS-U10", "IOT-ICS-U12"])),
    ("IOT-SNAD", "传感网应用开发", "Sensor Network Application Development", "NEWLAND-EDU",
     (["IOT-ICS-U02"], ["IOT-ICS-U02", "IOT-ICS-U04"], ["IOT-ICS-U02", "IOT-ICS-U04", "IOT-ICS-U05"])),
    ("IOT-EIO", "物联网工程实施与运维", "IoT Engineering Implementation and Maintenance", None,
     (["IOT-ICS-U01"], ["IOT-ICS-U03", "IOT-ICS-U10"], ["IOT-ICS-U10", "IOT-ICS-U12", "IOT-ICS-U18"])),
    ("IOT-MCU", "物联网单片机应用与开发", "IoT Microcontroller Application and Development", None,
     (["IOT-ICS-U02"], ["IOT-ICS-U02", "IOT-ICS-U07"], ["IOT-ICS-U05", "IOT-ICS-U07"])),
    ("IOT-SHI", "物联网智能家居系统集成和应用", "IoT Smart Home System Integration and Application", None,
     (["IOT-ICS-U15"], ["IOT-ICS-U05", "IOT-ICS-U15"], ["IOT-ICS-U12", "IOT-ICS-U15"])),
    ("EDGE-ESW", "嵌入式边缘计算软硬件开发", "Embedded Edge Computing Hardware and Software Development", None,
     (["IOT-ICS-U07"], ["IOT-ICS-U07", "IOT-ICS-U14"], ["IOT-ICS-U07", "IOT-ICS-U14", "IOT-ICS-U16"])),
    ("CLOUD-POD", "云计算平台运维与开发", "Cloud Computing Platform Operation and Development", None,
     ([], ["IOT-ICS-U06"], ["IOT-ICS-U06", "IOT-ICS-U13"])),
    ("CLOUD-DO", "云计算开发与运维", "Cloud Computing Development and Operation", None,
     ([], ["IOT-ICS-U06"], ["IOT-ICS-U06"])),
    ("BD-PO", "大数据平台运维", "Big Data Platform Operation and Maintenance", None,
     ([], ["IOT-ICS-U13"], ["IOT-ICS-U13"])),
    ("BD-PY", "大数据应用开发（Python）", "Big Data Application Development (Python)", None,
     ([], [], ["IOT-ICS-U13"])),
    ("WEB-FE", "Web前端开发", "Web Front-end Development", "MIIT-CEE",
     ([], ["IOT-ICS-U09"], ["IOT-ICS-U09"])),
    ("MOBILE", "移动应用开发", "Mobile Application Development", None,
     ([], ["IOT-ICS-U08"], ["IOT-ICS-U08"])),
    ("UI", "界面设计", "User Interface Design", None, ([], [], [])),
    ("SW-TEST", "软件测试", "Software Testing", None, ([], [], [])),
    ("JAVA", "Java应用开发", "Java Application Development", None, ([], [], [])),
    ("DB", "数据库管理系统", "Database Management Systems", None, ([], [], [])),
    ("NET-SYS", "网络系统建设与运维", "Network System Construction and Maintenance", "HUAWEI",
     (["IOT-ICS-U03"], ["IOT-ICS-U03"], ["IOT-ICS-U03", "IOT-ICS-U11"])),
    ("5G-NO", "5G移动网络运维", "5G Mobile Network Operation and Maintenance", None,
     ([], ["IOT-ICS-U03"], ["IOT-ICS-U03"])),
    ("AI-DL", "人工智能深度学习工程应用", "Artificial Intelligence Deep Learning Engineering Application", "BAIDU",
     ([], [], ["IOT-ICS-U19"])),
    ("AI-ICP", "智能计算平台应用开发", "Intelligent Computing Platform Application Development", "SUGON",
     ([], [], ["IOT-ICS-U19"])),
    ("IIOT-IO", "工业互联网实施与运维", "Industrial Internet Implementation and Maintenance", "ROOTCLOUD",
     ([], ["IOT-ICS-U16"], ["IOT-ICS-U12", "IOT-ICS-U16"])),
    ("ROBOT-IO", "工业机器人操作与运维", "Industrial Robot Operation and Maintenance", "XINAO", ([], [], [])),
    ("IC-DT", "集成电路开发与测试", "Integrated Circuit Development and Testing", "LANGXUN", ([], [], [])),
    ("EL-ASM", "电子装联", "Electronic Assembly", None, ([], [], [])),
    ("CV", "计算机视觉应用开发", "Computer Vision Application Development", None, ([], [], ["IOT-ICS-U19"])),
    ("ICV-DO", "智能网联汽车检测与运维", "Intelligent Connected Vehicle Testing and Maintenance", None,
     ([], ["IOT-ICS-U20"], ["IOT-ICS-U20"])),
    ("NEV-SMART", "智能新能源汽车", "Intelligent New Energy Vehicles", "ZCX", ([], [], [])),
    ("NEV-MOTOR", "新能源汽车动力驱动电机电池技术", "NEV Drive Motor and Battery Technology", "ZCX", ([], [], [])),
    ("NEV-HVAC", "新能源汽车电子电气空调舒适技术", "NEV Electrical, Air Conditioning and Comfort Technology", "ZCX",
     ([], [], [])),
    ("NEV-CHASSIS", "新能源汽车悬架转向制动安全技术", "NEV Suspension, Steering, Braking and Safety Technology", "ZCX",
     ([], [], [])),
    ("AUTO", "汽车运用与维修（含智能新能源汽车）", "Automobile Use and Maintenance (incl. Intelligent NEVs)", "ZCX",
     ([], [], [])),
]

VQ_GRADES = [("五级", 2), ("四级", 2), ("三级", 3), ("二级", 4), ("一级", 4)]
# (code, zh, en)
VQ = [
    ("VQ-ELEC", "电工", "Electrician"),
    ("VQ-EIA", "电子仪器仪表装调工", "Electronic Instrument Assembler and Adjuster"),
    ("VQ-PROG", "计算机程序设计员", "Computer Programmer"),
    ("VQ-ICT", "信息通信网络运行管理员", "Information and Communication Network Operator"),
    ("VQ-AUTO", "汽车维修工", "Motor Vehicle Mechanic"),
    ("VQ-IOT-INST", "物联网安装调试员", "IoT Installer and Commissioner"),
]

# (code, zh, en, body)
SPECIAL = [
    ("SS-SMART-HOME", "智能家居设备安装", "Smart Home Device Installation", "CQ-HRSS"),
    ("SS-CABLING", "综合布线", "Structured Cabling", "CQ-HRSS"),
    ("SS-EL-ASM", "电子产品装接", "Electronic Product Assembly", "CQ-HRSS"),
    ("SS-EV-CHARGE", "电动汽车充电设施安装", "EV Charging Facility Installation", "CQ-HRSS"),
]

# (code, zh, en, body, level, hours)
TRAINING = [
    ("TR-IOT-INSTALL", "物联网设备安装实训", "IoT Device Installation Practical Training", "CQ-PTC", 1, 32),
    ("TR-ELEC-SAFETY", "低压电工作业安全培训", "Low-voltage Electrical Work Safety Training", "CQ-PTC", 1, 24),
    ("TR-PY-BASIC", "Python编程基础培训", "Python Programming Basics Training", "CQEIT", 2, 48),
    ("TR-IOT-APP", "OneNET物联网应用开发企业实训", "OneNET IoT Application Development Company Training", "CMIOT", 2, 64),
    ("TR-CLOUD-OPS", "云平台运维岗前培训", "Cloud Platform Operations Pre-job Training", "CQ-PTC", 2, 48),
    ("TR-NEV-SAFETY", "新能源汽车高压电安全操作培训", "NEV High-voltage Safety Operation Training", "CHANGAN", 2, 32),
]


def one_x_code(suffix):
    return "1X-" + suffix


def build():
    """Returns (catalogue document, info) where info maps code -> {scheme, grades{grade: level},
    body, units{grade: [...]}, hours}."""
    certs, info = [], {}
    for suffix, zh, en, body, units in ONE_X:
        code = one_x_code(suffix)
        body = body or _eval_body("EVAL-" + suffix, zh)
        certs.append({"code": code, "scheme": "1+x", "name": T(zh, en), "awarding_body": body,
                      "awarding_body_name": BODIES[body],
                      "grades": [{"grade": g, "level": l} for g, l in X_GRADES]})
        info[code] = {"scheme": "1+x", "grades": dict(X_GRADES), "body": body,
                      "units": dict(zip([g for g, _ in X_GRADES], units))}
    for code, zh, en in VQ:
        certs.append({"code": code, "scheme": "vocational-qualification", "name": T(zh, en),
                      "awarding_body": "CQ-HRSS", "awarding_body_name": BODIES["CQ-HRSS"],
                      "grades": [{"grade": g, "level": l} for g, l in VQ_GRADES]})
        info[code] = {"scheme": "vocational-qualification", "grades": dict(VQ_GRADES), "body": "CQ-HRSS",
                      "units": {}}
    for code, zh, en, body in SPECIAL:
        certs.append({"code": code, "scheme": "special-skill", "name": T(zh, en), "awarding_body": body,
                      "awarding_body_name": BODIES[body], "grades": [{"grade": "合格", "level": 1}]})
        info[code] = {"scheme": "special-skill", "grades": {"合格": 1}, "body": body, "units": {}}
    for code, zh, en, body, level, hours in TRAINING:
        certs.append({"code": code, "scheme": "training", "name": T(zh, en), "awarding_body": body,
                      "awarding_body_name": BODIES[body], "grades": [{"grade": "合格", "level": level}]})
        info[code] = {"scheme": "training", "grades": {"合格": level}, "body": body, "units": {},
                      "hours": hours}
    return {"kind": "certificates", "certificates": certs}, info
