"""Programmes: the five of the IoT programme group at 重庆电子工程职业学院 (sharing foundation and elective
courses by code), a 中职 programme at 重庆市工业学校 and a 职教本科 programme at 重庆机电职业技术大学.

Programme codes are "<INSTITUTION>-<code>" with the national codes of 职业教育专业目录（2021年）.
"""
from common import T, num

F, C, E = "foundation", "core", "elective"

# CQEIT courses, one table: code -> (zh, en, credits, category, level). Programmes list codes.
CQEIT_COURSES = {
    # General education (公共基础课), shared by every programme of the college.
    "GE101": ("思想道德与法治", "Ideology, Morality and Rule of Law", 3, F, 3),
    "GE102": ("毛泽东思想和中国特色社会主义理论体系概论", "Introduction to Mao Zedong Thought and the Theoretical System of Socialism with Chinese Characteristics", 2, F, 3),
    "GE103": ("习近平新时代中国特色社会主义思想概论", "Introduction to Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era", 3, F, 3),
    "GE104": ("大学英语", "College English", 6, F, 3),
    "GE105": ("高等数学", "Advanced Mathematics", 4, F, 3),
    "GE106": ("体育", "Physical Education", 4, F, 3),
    "GE107": ("信息技术", "Information Technology", 2, F, 3),
    # Programme-group platform (底层共享).
    "GP101": ("电工电子技术", "Electrical and Electronic Technology", 4, F, 3),
    "GP102": ("C语言程序设计", "C Programming", 4, F, 3),
    "GP103": ("计算机网络技术", "Computer Network Technology", 4, F, 3),
    "GP104": ("物联网技术导论", "Introduction to the Internet of Things", 2, F, 3),
    "GP105": ("Python程序设计", "Python Programming", 4, F, 3),
    "GP106": ("单片机应用技术", "Microcontroller Application Technology", 4, F, 3),
    "GP107": ("数据库技术及应用", "Database Technology and Applications", 4, F, 3),
    "GP108": ("Linux操作系统", "Linux Operating System", 3, F, 3),
    "GP109": ("电子线路CAD", "Electronic Circuit CAD", 3, F, 3),
    "GP901": ("岗位实习", "Workplace Internship", 24, C, 3),
    "GP902": ("毕业设计", "Graduation Project", 4, C, 3),
    # Cross-programme electives (高层互选).
    "GX301": ("人工智能应用基础", "Fundamentals of AI Applications", 2, E, 3),
    "GX302": ("工业互联网技术", "Industrial Internet Technology", 2, E, 3),
    "GX303": ("边缘计算技术", "Edge Computing Technology", 2, E, 3),
    "GX304": ("信息安全技术", "Information Security Technology", 2, E, 3),
    "GX305": ("创新创业实践", "Innovation and Entrepreneurship Practice", 2, E, 3),
    "GX306": ("大数据技术基础", "Big Data Fundamentals", 2, E, 3),
    "GX307": ("智能网联汽车技术", "Intelligent Connected Vehicle Technology", 2, E, 3),
    # 物联网应用技术 (中层分立).
    "IOT201": ("传感器技术与应用", "Sensor Technology and Applications", 4, C, 3),
    "IOT202": ("物联网设备安装与调试", "IoT Device Installation and Commissioning", 4, C, 3),
    "IOT203": ("无线传感网技术", "Wireless Sensor Network Technology", 4, C, 3),
    "IOT204": ("嵌入式系统开发", "Embedded System Development", 4, C, 3),
    "IOT205": ("物联网网关开发", "IoT Gateway Development", 3, C, 3),
    "IOT206": ("物联网云平台应用", "IoT Cloud Platform Applications", 4, C, 3),
    "IOT207": ("物联网移动应用开发", "IoT Mobile Application Development", 4, C, 3),
    "IOT208": ("物联网系统集成与运维", "IoT System Integration and Operations", 4, C, 3),
    "IOT209": ("智能家居系统安装与调试", "Smart Home System Installation and Commissioning", 3, C, 3),
    "IOT210": ("物联网工程综合实训", "IoT Engineering Integrated Training", 3, C, 3),
    # 软件技术.
    "SWT201": ("Java程序设计", "Java Programming", 4, C, 3),
    "SWT202": ("Web前端开发技术", "Web Front-end Development", 4, C, 3),
    "SWT203": ("Java Web应用开发", "Java Web Application Development", 4, C, 3),
    "SWT204": ("Spring Boot框架开发", "Spring Boot Framework Development", 4, C, 3),
    "SWT205": ("Android移动应用开发", "Android Mobile Application Development", 4, C, 3),
    "SWT206": ("软件测试技术", "Software Testing Technology", 3, C, 3),
    "SWT207": ("UI界面设计", "User Interface Design", 3, C, 3),
    "SWT208": ("软件工程与项目管理", "Software Engineering and Project Management", 3, C, 3),
    "SWT209": ("Vue.js前端框架开发", "Vue.js Front-end Framework Development", 3, C, 3),
    "SWT210": ("微服务架构与开发", "Microservice Architecture and Development", 3, C, 3),
    # 应用电子技术.
    "AET201": ("模拟电子技术", "Analogue Electronics", 4, C, 3),
    "AET202": ("数字电子技术", "Digital Electronics", 4, C, 3),
    "AET203": ("电子产品装配与调试", "Electronic Product Assembly and Debugging", 4, C, 3),
    "AET204": ("传感器与检测技术", "Sensors and Measurement Technology", 4, C, 3),
    "AET205": ("PCB设计与制作", "PCB Design and Fabrication", 3, C, 3),
    "AET206": ("嵌入式系统应用", "Embedded System Applications", 4, C, 3),
    "AET207": ("电子测量仪器与应用", "Electronic Measuring Instruments", 3, C, 3),
    "AET208": ("智能电子产品设计", "Smart Electronic Product Design", 4, C, 3),
    "AET209": ("集成电路应用与测试", "Integrated Circuit Application and Testing", 3, C, 3),
    "AET210": ("电子产品质量检验", "Electronic Product Quality Inspection", 2, C, 3),
    "AET211": ("FPGA应用技术", "FPGA Application Technology", 3, C, 3),
    "AET212": ("电源技术", "Power Supply Technology", 3, C, 3),
    # 云计算技术应用.
    "CCT201": ("云计算技术基础", "Cloud Computing Fundamentals", 4, C, 3),
    "CCT202": ("虚拟化技术", "Virtualisation Technology", 4, C, 3),
    "CCT203": ("OpenStack云平台部署与运维", "OpenStack Cloud Platform Deployment and Operations", 4, C, 3),
    "CCT204": ("容器技术（Docker与Kubernetes）", "Container Technology (Docker and Kubernetes)", 4, C, 3),
    "CCT205": ("网络设备配置与管理", "Network Device Configuration and Management", 4, C, 3),
    "CCT206": ("大数据平台部署与运维", "Big Data Platform Deployment and Operations", 4, C, 3),
    "CCT207": ("Shell脚本与自动化运维", "Shell Scripting and Automated Operations", 3, C, 3),
    "CCT208": ("云应用开发", "Cloud Application Development", 4, C, 3),
    "CCT209": ("云安全技术", "Cloud Security Technology", 3, C, 3),
    "CCT210": ("Java程序设计基础", "Java Programming Fundamentals", 4, C, 3),
    # 新能源汽车技术.
    "NEV101": ("汽车机械基础", "Automotive Mechanical Fundamentals", 3, F, 3),
    "NEV102": ("汽车机械识图", "Automotive Mechanical Drawing", 3, F, 3),
    "NEV103": ("新能源汽车高压安全与防护", "NEV High-voltage Safety and Protection", 2, F, 3),
    "NEV201": ("汽车构造", "Automotive Construction", 4, C, 3),
    "NEV202": ("新能源汽车概论", "Introduction to New Energy Vehicles", 2, C, 3),
    "NEV203": ("汽车电气设备构造与维修", "Automotive Electrical Equipment and Repair", 4, C, 3),
    "NEV204": ("动力电池及管理系统检修", "Traction Battery and Battery Management System Repair", 4, C, 3),
    "NEV205": ("驱动电机及控制系统检修", "Drive Motor and Control System Repair", 4, C, 3),
    "NEV206": ("汽车发动机电控技术", "Engine Electronic Control Technology", 4, C, 3),
    "NEV207": ("新能源汽车空调与舒适系统检修", "NEV Air Conditioning and Comfort System Repair", 3, C, 3),
    "NEV208": ("汽车底盘电控系统检修", "Chassis Electronic Control System Repair", 4, C, 3),
    "NEV209": ("新能源汽车故障诊断", "NEV Fault Diagnosis", 4, C, 3),
    "NEV210": ("汽车车载网络技术", "In-vehicle Network Technology", 3, C, 3),
    "NEV211": ("智能网联汽车传感器技术", "ICV Sensor Technology", 3, C, 3),
    "NEV212": ("新能源汽车充电设施安装与维护", "NEV Charging Facility Installation and Maintenance", 3, C, 3),
    "NEV301": ("汽车营销与服务", "Automotive Sales and Service", 2, E, 3),
}

GE = ["GE101", "GE102", "GE103", "GE104", "GE105", "GE106", "GE107"]

HIGHER_POLICY = {"cap_percent": 30,
                 "kind_caps": {"course": 30, "certificate": 20, "award": 10, "training": 4},
                 "max_per_outcome": 8,
                 "category_min_level": {"foundation": 2, "core": 3, "elective": 4},
                 "transitive": True, "max_hops": 2}

CQEIT_PROGRAMMES = [
    ("510102", "物联网应用技术", "Internet of Things Application Technology",
     GE + ["GP101", "GP102", "GP103", "GP104", "GP105", "GP106", "GP107", "GP108",
           "IOT201", "IOT202", "IOT203", "IOT204", "IOT205", "IOT206", "IOT207", "IOT208", "IOT209", "IOT210",
           "GX301", "GX302", "GX303", "GX304", "GP901", "GP902"]),
    ("510203", "软件技术", "Software Technology",
     GE + ["GP101", "GP102", "GP103", "GP104", "GP105", "GP107", "GP108",
           "SWT201", "SWT202", "SWT203", "SWT204", "SWT205", "SWT206", "SWT207", "SWT208", "SWT209", "SWT210",
           "GX301", "GX303", "GX304", "GX305", "GX306", "GP901", "GP902"]),
    ("510103", "应用电子技术", "Applied Electronic Technology",
     GE + ["GP101", "GP102", "GP104", "GP106", "GP109",
           "AET201", "AET202", "AET203", "AET204", "AET205", "AET206", "AET207", "AET208", "AET209", "AET210",
           "AET211", "AET212", "GX301", "GX302", "GX303", "GX304", "GX305", "GP901", "GP902"]),
    ("510206", "云计算技术应用", "Cloud Computing Technology Application",
     GE + ["GP101", "GP102", "GP103", "GP104", "GP105", "GP107", "GP108",
           "CCT201", "CCT202", "CCT203", "CCT204", "CCT205", "CCT206", "CCT207", "CCT208", "CCT209", "CCT210",
           "GX301", "GX303", "GX304", "GX306", "GP901", "GP902"]),
    ("460702", "新能源汽车技术", "New Energy Vehicle Technology",
     GE + ["GP101", "GP104", "GP106", "NEV101", "NEV102", "NEV103",
           "NEV201", "NEV202", "NEV203", "NEV204", "NEV205", "NEV206", "NEV207", "NEV208", "NEV209", "NEV210",
           "NEV211", "NEV212", "NEV301", "GX301", "GX305", "GX307", "GP901", "GP902"]),
]

ZZ_COURSES = [
    ("ZZ-GE-101", "语文", "Chinese", 8, F), ("ZZ-GE-102", "数学", "Mathematics", 8, F),
    ("ZZ-GE-103", "英语", "English", 8, F), ("ZZ-GE-104", "思想政治", "Ideology and Politics", 8, F),
    ("ZZ-GE-105", "信息技术", "Information Technology", 6, F),
    ("ZZ-GE-106", "体育与健康", "Physical Education and Health", 8, F),
    ("ZZ-GE-107", "历史", "History", 4, F),
    ("ZZ-EL-101", "电工电子技术基础", "Fundamentals of Electrical and Electronic Technology", 6, F),
    ("ZZ-CS-101", "计算机网络基础", "Computer Network Fundamentals", 4, F),
    ("ZZ-CS-102", "C语言程序设计基础", "C Programming Fundamentals", 4, F),
    ("ZZ-IOT-101", "物联网技术导论", "Introduction to the Internet of Things", 2, F),
    ("ZZ-IOT-201", "传感器技术应用", "Sensor Technology Applications", 4, C),
    ("ZZ-IOT-202", "物联网设备安装与调试", "IoT Device Installation and Commissioning", 6, C),
    ("ZZ-IOT-203", "单片机技术应用", "Microcontroller Technology Applications", 4, C),
    ("ZZ-IOT-204", "智能家居安装与维护", "Smart Home Installation and Maintenance", 4, C),
    ("ZZ-IOT-205", "综合布线技术", "Structured Cabling Technology", 4, C),
    ("ZZ-IOT-206", "物联网应用系统运行维护", "IoT Application System Operation and Maintenance", 4, C),
    ("ZZ-IOT-207", "物联网移动应用开发基础", "Fundamentals of IoT Mobile Application Development", 3, C),
    ("ZZ-IOT-301", "Python编程入门", "Introduction to Python Programming", 2, E),
    ("ZZ-IOT-302", "电子产品装接工艺", "Electronic Product Assembly Techniques", 2, E),
    ("ZZ-IOT-303", "物联网安全基础", "IoT Security Basics", 2, E),
    ("ZZ-PR-901", "岗位实习", "Workplace Internship", 12, C),
]

BK_COURSES = [
    ("BK-GE-101", "思想道德与法治", "Ideology, Morality and Rule of Law", 3, F),
    ("BK-GE-102", "中国近现代史纲要", "Outline of Modern and Contemporary Chinese History", 3, F),
    ("BK-GE-103", "大学英语", "College English", 8, F),
    ("BK-GE-104", "高等数学", "Advanced Mathematics", 10, F),
    ("BK-GE-105", "线性代数", "Linear Algebra", 2, F),
    ("BK-GE-106", "概率论与数理统计", "Probability and Statistics", 3, F),
    ("BK-GE-107", "大学物理", "University Physics", 4, F),
    ("BK-GE-108", "体育", "Physical Education", 4, F),
    ("BK-IOT-101", "电路分析", "Circuit Analysis", 4, F),
    ("BK-IOT-102", "模拟与数字电子技术", "Analogue and Digital Electronics", 5, F),
    ("BK-IOT-103", "C语言程序设计", "C Programming", 4, F),
    ("BK-IOT-104", "数据结构", "Data Structures", 4, F),
    ("BK-IOT-105", "计算机网络", "Computer Networks", 4, F),
    ("BK-IOT-106", "物联网工程导论", "Introduction to IoT Engineering", 2, F),
    ("BK-IOT-201", "传感器原理与应用", "Sensor Principles and Applications", 4, C),
    ("BK-IOT-202", "嵌入式系统设计", "Embedded System Design", 4, C),
    ("BK-IOT-203", "无线通信与传感网", "Wireless Communication and Sensor Networks", 4, C),
    ("BK-IOT-204", "物联网平台开发", "IoT Platform Development", 4, C),
    ("BK-IOT-205", "物联网系统集成与工程设计", "IoT System Integration and Engineering Design", 4, C),
    ("BK-IOT-206", "物联网信息安全", "IoT Information Security", 3, C),
    ("BK-IOT-207", "边缘计算与智能应用", "Edge Computing and Intelligent Applications", 3, C),
    ("BK-IOT-208", "物联网大数据处理", "IoT Big Data Processing", 3, C),
    ("BK-IOT-209", "工业物联网技术", "Industrial IoT Technology", 3, C),
    ("BK-IOT-301", "人工智能与机器学习", "Artificial Intelligence and Machine Learning", 3, E),
    ("BK-IOT-302", "数字孪生技术", "Digital Twin Technology", 2, E),
    ("BK-IOT-303", "物联网项目管理", "IoT Project Management", 2, E),
    ("BK-PR-901", "毕业实习", "Graduation Internship", 16, C),
    ("BK-PR-902", "毕业设计（论文）", "Graduation Project (Thesis)", 8, C),
]


def _course(code, zh, en, credits, cat, level):
    return {"code": code, "name": T(zh, en), "credits": num(credits), "category": cat, "level": level}


def build():
    """Returns {file stem: programme document}."""
    out = {}
    for code, zh, en, courses in CQEIT_PROGRAMMES:
        out[code] = {
            "kind": "programme", "code": f"CQEIT-{code}", "institution": "CQEIT",
            "name": T(zh, en), "level": 3, "group": "CQEIT-IOT-GROUP",
            "courses": [_course(c, *CQEIT_COURSES[c]) for c in courses],
            "policy": HIGHER_POLICY}
    out["710102"] = {
        "kind": "programme", "code": "CQ-ZZ-01-710102", "institution": "CQ-ZZ-01",
        "name": T("物联网技术应用", "Internet of Things Technology Application"), "level": 2,
        "courses": [_course(c, zh, en, cr, cat, 2) for (c, zh, en, cr, cat) in ZZ_COURSES],
        "policy": {"cap_percent": 30,
                   "kind_caps": {"course": 20, "certificate": 15, "award": 8, "training": 6},
                   "max_per_outcome": 6,
                   "category_min_level": {"foundation": 1, "core": 2, "elective": 2},
                   "transitive": False, "max_hops": 1}}
    out["310102"] = {
        "kind": "programme", "code": "CQ-BK-01-310102", "institution": "CQ-BK-01",
        "name": T("物联网工程技术", "Internet of Things Engineering Technology"), "level": 4,
        "courses": [_course(c, zh, en, cr, cat, 4) for (c, zh, en, cr, cat) in BK_COURSES],
        "policy": {"cap_percent": 25,
                   "kind_caps": {"course": 30, "certificate": 16, "award": 10, "training": 2},
                   "max_per_outcome": 8,
                   "category_min_level": {"foundation": 2, "core": 3, "elective": 4},
                   "transitive": True, "max_hops": 3}}
    return out
