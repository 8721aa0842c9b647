"""The four-level Chongqing VET qualifications framework (DESIGN.md section 2)."""
from common import T

LEVELS = [
    (1, T("一级", "Level 1"),
     T("初中后培训、社区教育与专项职业能力证书", "entry: post-junior-secondary training, community education and special-skill certificates"),
     T("了解本岗位基本的事实性知识和安全常识", "basic factual knowledge of one job and of safety at work"),
     T("在指导下完成简单、重复的操作任务", "carries out simple, routine tasks under guidance"),
     T("在直接监督下工作，遵守岗位规范", "works under direct supervision and follows job rules")),
    (2, T("二级", "Level 2"),
     T("中等职业教育、技工教育（中职/技工）", "secondary vocational and technician-school education"),
     T("掌握本专业领域的基础理论和常用技术知识", "the basic theory and common technical knowledge of one field"),
     T("按规程完成常规的安装、调试、操作与维护任务", "carries out standard installation, commissioning, operation and maintenance by procedure"),
     T("在一般指导下独立完成任务，对自己的工作质量负责", "works independently under general guidance and answers for the quality of own work")),
    (3, T("三级", "Level 3"),
     T("高等职业教育（高职/大专）", "higher vocational education, associate degree"),
     T("掌握本专业领域系统的专业理论和技术知识", "systematic theory and technical knowledge of one field"),
     T("分析并解决较复杂的技术问题，完成系统的开发、集成与运维", "analyses and solves fairly complex technical problems; develops, integrates and operates systems"),
     T("在变化的环境中组织工作，指导他人，承担团队任务", "organises work in changing situations, guides others and takes on team tasks")),
    (4, T("四级", "Level 4"),
     T("应用型本科、职业本科（学士）", "applied and vocational undergraduate education, bachelor's degree"),
     T("掌握本专业领域深入的理论知识和前沿技术", "in-depth theory and current technology of one field"),
     T("设计方案，解决复杂工程问题，进行技术创新", "designs solutions, solves complex engineering problems and innovates"),
     T("在复杂、不可预见的情境中负责项目与团队，作出专业判断", "leads projects and teams in complex, unforeseeable situations and makes professional judgements")),
]


def framework():
    return {
        "kind": "framework",
        "id": "CQ-VET-QF",
        "name": T("重庆市职业教育和培训资历框架", "Chongqing Vocational Education and Training Qualifications Framework"),
        "hours_per_credit": 16,
        "levels": [
            {"level": lvl, "name": name, "stage": stage,
             "descriptors": {"knowledge": k, "skills": s, "competence": c}}
            for (lvl, name, stage, k, s, c) in LEVELS
        ],
    }
