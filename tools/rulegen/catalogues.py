"""Competitions, institutions and the IoT industry competency standard."""
from common import T, num

# Organisers: the competition catalogue names them by code.
#   MOE: 教育部 and the co-organising ministries; CQ-EDU: 重庆市教育委员会; WORLDSKILLS: WorldSkills
#   International (national selection by 人力资源和社会保障部); BRICS: 金砖国家工商理事会 and partners;
#   CQEIT: the college itself.
# (code, zh, en, organizer, tiers, ranks, units)
NV = "全国职业院校技能大赛"
CQ = "重庆市职业院校技能大赛"
COMPETITIONS = [
    ("NVSC-IOT", f"{NV} 物联网技术应用赛项（高职组）", "National Vocational College Skills Competition: IoT Technology Application (higher vocational)",
     "MOE", ["national"], ["first", "second", "third"], ["IOT-ICS-U03", "IOT-ICS-U05", "IOT-ICS-U06", "IOT-ICS-U10"]),
    ("NVSC-IOT-ZZ", f"{NV} 物联网技术应用与维护赛项（中职组）", "National Vocational College Skills Competition: IoT Technology Application and Maintenance (secondary vocational)",
     "MOE", ["national"], ["first", "second", "third"], ["IOT-ICS-U01", "IOT-ICS-U10"]),
    ("NVSC-BD", f"{NV} 大数据技术与应用赛项", "National Vocational College Skills Competition: Big Data Technology and Application",
     "MOE", ["national"], ["first", "second", "third"], ["IOT-ICS-U13"]),
    ("NVSC-MAD", f"{NV} 移动应用开发赛项", "National Vocational College Skills Competition: Mobile Application Development",
     "MOE", ["national"], ["first", "second", "third"], ["IOT-ICS-U08"]),
    ("NVSC-CLOUD", f"{NV} 云计算赛项", "National Vocational College Skills Competition: Cloud Computing",
     "MOE", ["national"], ["first", "second", "third"], ["IOT-ICS-U06"]),
    ("NVSC-EMB", f"{NV} 嵌入式技术应用开发赛项", "National Vocational College Skills Competition: Embedded Technology Application Development",
     "MOE", ["national"], ["first", "second", "third"], ["IOT-ICS-U07"]),
    ("NVSC-NEV", f"{NV} 新能源汽车检测与维修赛项", "National Vocational College Skills Competition: NEV Testing and Maintenance",
     "MOE", ["national"], ["first", "second", "third"], []),
    ("NVSC-SWT", f"{NV} 软件测试赛项", "National Vocational College Skills Competition: Software Testing",
     "MOE", ["national"], ["first", "second", "third"], []),
    ("NVSC-BC", f"{NV} 区块链技术应用赛项", "National Vocational College Skills Competition: Blockchain Technology Application",
     "MOE", ["national"], ["first", "second", "third"], ["IOT-ICS-U11"]),
    ("NVSC-EPD", f"{NV} 电子产品设计及制作赛项", "National Vocational College Skills Competition: Electronic Product Design and Production",
     "MOE", ["national"], ["first", "second", "third"], ["IOT-ICS-U02"]),
    ("CQVSC-IOT", f"{CQ} 物联网技术应用赛项（高职组）", "Chongqing Vocational College Skills Competition: IoT Technology Application (higher vocational)",
     "CQ-EDU", ["provincial"], ["first", "second", "third"], ["IOT-ICS-U03", "IOT-ICS-U10"]),
    ("CQVSC-IOT-ZZ", f"{CQ} 物联网技术应用与维护赛项（中职组）", "Chongqing Vocational College Skills Competition: IoT Technology Application and Maintenance (secondary vocational)",
     "CQ-EDU", ["provincial"], ["first", "second", "third"], ["IOT-ICS-U01"]),
    ("CQVSC-CLOUD", f"{CQ} 云计算赛项", "Chongqing Vocational College Skills Competition: Cloud Computing",
     "CQ-EDU", ["provincial"], ["first", "second", "third"], ["IOT-ICS-U06"]),
    ("CQVSC-NEV", f"{CQ} 新能源汽车检测与维修赛项", "Chongqing Vocational College Skills Competition: NEV Testing and Maintenance",
     "CQ-EDU", ["provincial"], ["first", "second", "third"], []),
    ("CQVSC-EMB", f"{CQ} 嵌入式技术应用开发赛项", "Chongqing Vocational College Skills Competition: Embedded Technology Application Development",
     "CQ-EDU", ["provincial"], ["first", "second", "third"], ["IOT-ICS-U07"]),
    ("WSC-CLOUD", "世界技能大赛 云计算项目", "WorldSkills Competition: Cloud Computing",
     "WORLDSKILLS", ["international", "national"], ["first", "second", "third", "merit"], ["IOT-ICS-U06"]),
    ("WSC-CABLING", "世界技能大赛 信息网络布线项目", "WorldSkills Competition: IT Network Cabling",
     "WORLDSKILLS", ["international", "national"], ["first", "second", "third", "merit"], ["IOT-ICS-U03"]),
    ("WSC-MAD", "世界技能大赛 移动应用开发项目", "WorldSkills Competition: Mobile Applications Development",
     "WORLDSKILLS", ["international", "national"], ["first", "second", "third", "merit"], ["IOT-ICS-U08"]),
    ("BRICS-SKILLS", "金砖国家职业技能大赛", "BRICS Skills Competition",
     "BRICS", ["international", "national"], ["first", "second", "third", "merit"], []),
    ("INTERNET-PLUS", "中国国际“互联网+”大学生创新创业大赛", "China International \"Internet+\" College Students' Innovation and Entrepreneurship Competition",
     "MOE", ["national", "provincial", "school"], ["first", "second", "third"], []),
    ("NUEDC", "全国大学生电子设计竞赛", "National Undergraduate Electronics Design Contest",
     "MOE", ["national", "provincial"], ["first", "second", "third"], ["IOT-ICS-U02"]),
    ("CQEIT-SKILLS", "重庆电子工程职业学院 学生技能竞赛", "Chongqing College of Electronic Engineering: Student Skills Contest",
     "CQEIT", ["school"], ["first", "second", "third", "merit"], []),
]

# Recognition of awards: (tier, rank) -> (level, credits).
AWARD_RESULTS = {
    ("international", "first"): (4, 10), ("international", "second"): (4, 8),
    ("international", "third"): (4, 6), ("international", "merit"): (3, 4),
    ("national", "first"): (4, 8), ("national", "second"): (4, 6),
    ("national", "third"): (3, 4), ("national", "merit"): (3, 2),
    ("provincial", "first"): (3, 6), ("provincial", "second"): (3, 4),
    ("provincial", "third"): (3, 3),
    ("school", "first"): (2, 2), ("school", "second"): (2, 1.5),
    ("school", "third"): (2, 1), ("school", "merit"): (2, 0.5),
}

# (code, zh, en, type)
INSTITUTIONS = [
    ("CQEIT", "重庆电子工程职业学院", "Chongqing College of Electronic Engineering", "higher-vocational"),
    ("CQ-ZZ-01", "重庆市工业学校", "Chongqing Industry School", "secondary-vocational"),
    ("CQ-ZZ-02", "重庆市渝北职业教育中心", "Chongqing Yubei Vocational Education Centre", "secondary-vocational"),
    ("CQ-BK-01", "重庆机电职业技术大学", "Chongqing Vocational and Technical University of Mechatronics", "undergraduate"),
    ("CMIOT", "中移物联网有限公司", "China Mobile IoT Co., Ltd.", "company"),
    ("CHANGAN", "重庆长安汽车股份有限公司", "Chongqing Changan Automobile Co., Ltd.", "company"),
    ("CQ-PTC", "重庆市职业技能公共实训中心", "Chongqing Public Vocational Skills Training Centre", "training-provider"),
]

# IoT industry competency standard: (n, zh, en, level, credits)
UNITS = [
    (1, "物联网感知层设备安装与调试", "Installing and commissioning perception-layer devices", 2, 2),
    (2, "传感器数据采集与处理", "Sensor data acquisition and processing", 2, 2),
    (3, "物联网网络层设备配置与组网", "Configuring network-layer devices and building networks", 3, 3),
    (4, "无线传感网组网与调试", "Building and debugging wireless sensor networks", 3, 3),
    (5, "物联网网关配置与开发", "Configuring and developing IoT gateways", 3, 3),
    (6, "物联网云平台部署与应用", "Deploying and using IoT cloud platforms", 3, 3),
    (7, "嵌入式系统应用开发", "Developing embedded system applications", 3, 4),
    (8, "物联网移动应用开发", "Developing IoT mobile applications", 3, 3),
    (9, "物联网Web应用开发", "Developing IoT web applications", 3, 3),
    (10, "物联网系统运行与维护", "Operating and maintaining IoT systems", 3, 3),
    (11, "物联网信息安全防护", "Protecting IoT information security", 4, 3),
    (12, "物联网系统集成与方案设计", "Integrating IoT systems and designing solutions", 4, 4),
    (13, "物联网大数据采集与分析", "Collecting and analysing IoT big data", 4, 3),
    (14, "边缘计算应用部署", "Deploying edge computing applications", 4, 3),
    (15, "智能家居系统安装与集成", "Installing and integrating smart home systems", 2, 2),
    (16, "工业物联网设备接入与应用", "Connecting and applying industrial IoT devices", 4, 3),
    (17, "电工基础与安全用电", "Electrical fundamentals and electrical safety", 1, 1),
    (18, "物联网工程项目管理", "Managing IoT engineering projects", 4, 2),
    (19, "物联网人工智能应用", "Applying artificial intelligence in IoT", 4, 3),
    (20, "智能网联汽车感知与通信", "Perception and communication of intelligent connected vehicles", 3, 3),
]


def unit_code(n):
    return f"IOT-ICS-U{n:02d}"


def competitions():
    return {"kind": "competitions", "competitions": [
        {"code": c, "name": T(zh, en), "organizer": org, "tiers": tiers}
        for (c, zh, en, org, tiers, _r, _u) in COMPETITIONS]}


def institutions():
    return {"kind": "institutions", "institutions": [
        {"code": c, "name": T(zh, en), "type": t} for (c, zh, en, t) in INSTITUTIONS]}


def standard():
    return {"kind": "competency-standard", "code": "IOT-ICS",
            "name": T("物联网行业人才能力标准", "IoT Industry Competency Standard"),
            "issuer": "重庆市终身学习学分银行",
            "units": [{"code": unit_code(n), "name": T(zh, en), "level": lvl, "credits": num(cr)}
                      for (n, zh, en, lvl, cr) in UNITS]}
