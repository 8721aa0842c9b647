"""Writes the JSON Schemas (2020-12) under schemas/ from one set of shared definitions.

Usage: python3 tools/schemagen.py [schemas directory]   (default: <repo>/schemas)

Each schema is self-contained (its shared shapes are copied into its own "$defs"), so that any
validator can load one file alone. Rules that a schema cannot express reliably are checked by the C++
loader: credits and ratios with at most two decimal places (JSON Schema "multipleOf": 0.01 misfires on
binary floating point, e.g. 0.29), real calendar dates beyond the "date" format, cross references,
unique ids, grades ascending and ambiguity.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "rulegen"))
from common import dumps  # noqa: E402

DRAFT = "https://json-schema.org/draft/2020-12/schema"
REF = lambda name: {"$ref": f"#/$defs/{name}"}  # noqa: E731

TIERS = ["international", "national", "provincial", "municipal", "school"]
RANKS = ["first", "second", "third", "merit"]
RANK_ALIASES = ["gold", "silver", "bronze", "excellence"]
KINDS = ["course", "certificate", "award", "training"]
CERT_REASONS = ["unknown", "no-rule", "not-yet-effective", "rule-ended", "future-date", "below-min-score",
                "wrong-awarding-body", "outside-window", "level-not-in-framework", "ambiguous", "malformed",
                "expired"]
CONV_REASONS = ["no-candidate", "level-too-low", "used-elsewhere", "course-taken", "cap-total", "cap-kind",
                "cap-per-outcome", "not-optimal"]

DEFS = {
    "code": {"type": "string", "pattern": "^[A-Z0-9][A-Z0-9._-]*$",
             "description": "ASCII upper-case code"},
    "text": {"type": "object", "additionalProperties": False, "required": ["zh"],
             "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}},
    "credits": {"type": "number", "minimum": 0,
                "description": "at most 2 decimal places; checked by the loader, not here"},
    "date": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "format": "date"},
    "range": {"type": "object", "additionalProperties": False,
              "properties": {"from": REF("date"), "to": REF("date")}},
    "level": {"type": "integer", "minimum": 1},
    "priority": {"type": "integer"},
    "grade": {"type": "string", "minLength": 1},
    "tier": {"enum": TIERS},
    "rank": {"enum": RANKS + RANK_ALIASES},
}


def schema(name, title, body, defs):
    s = {"$schema": DRAFT, "$id": f"https://creditbank.invalid/schemas/{name}.schema.json", "title": title}
    s.update(body)
    used = {d: DEFS[d] for d in defs}
    # "range" and "text" refer to "date"; keep it when they are used.
    if "range" in used and "date" not in used:
        used["date"] = DEFS["date"]
    s["$defs"] = used
    return s


def obj(props, required=(), **extra):
    o = {"type": "object", "additionalProperties": False}
    if required:
        o["required"] = list(required)
    o["properties"] = props
    o.update(extra)
    return o


def arr(items, min_items=0, **extra):
    a = {"type": "array", "items": items}
    if min_items:
        a["minItems"] = min_items
    a.update(extra)
    return a


def kind(k):
    return {"const": k}


def framework():
    level = obj({"level": REF("level"), "name": REF("text"), "stage": REF("text"),
                 "descriptors": obj({"knowledge": REF("text"), "skills": REF("text"), "competence": REF("text")},
                                    ["knowledge", "skills", "competence"])},
                ["level", "name", "stage", "descriptors"])
    return schema("framework", "Qualifications framework",
                  obj({"kind": kind("framework"), "id": REF("code"), "name": REF("text"),
                       "hours_per_credit": {"type": "integer", "minimum": 1},
                       "levels": arr(level, 1)},
                      ["kind", "id", "name", "hours_per_credit", "levels"]),
                  ["code", "text", "level"])


def certificates():
    grade = obj({"grade": REF("grade"), "level": REF("level")}, ["grade", "level"])

    def grades_of(names, max_items=None):
        g = {"items": {"properties": {"grade": {"enum": names}}}}
        if max_items:
            g["maxItems"] = max_items
        return {"properties": {"grades": g}}

    cert = obj({"code": REF("code"),
                "scheme": {"enum": ["1+x", "vocational-qualification", "special-skill", "training"]},
                "name": REF("text"), "awarding_body": REF("code"), "awarding_body_name": REF("text"),
                "grades": arr(grade, 1)},
               ["code", "scheme", "name", "awarding_body", "grades"],
               allOf=[
                   {"if": {"properties": {"scheme": kind("1+x")}}, "then": grades_of(["初级", "中级", "高级"])},
                   {"if": {"properties": {"scheme": kind("vocational-qualification")}},
                    "then": grades_of(["五级", "四级", "三级", "二级", "一级"])},
                   {"if": {"properties": {"scheme": kind("training")}}, "then": grades_of(["合格"], 1)},
               ])
    return schema("certificates", "Certificate catalogue (certificates and training programmes)",
                  obj({"kind": kind("certificates"), "certificates": arr(cert, 1)}, ["kind", "certificates"]),
                  ["code", "text", "level", "grade"])


def competitions():
    comp = obj({"code": REF("code"), "name": REF("text"), "organizer": {"type": "string", "minLength": 1},
                "tiers": arr(REF("tier"), 1, uniqueItems=True)},
               ["code", "name", "organizer", "tiers"])
    return schema("competitions", "Competition catalogue",
                  obj({"kind": kind("competitions"), "competitions": arr(comp, 1)}, ["kind", "competitions"]),
                  ["code", "text", "tier"])


def institutions():
    inst = obj({"code": REF("code"), "name": REF("text"),
                "type": {"enum": ["secondary-vocational", "higher-vocational", "undergraduate", "company",
                                  "training-provider"]}},
               ["code", "name", "type"])
    return schema("institutions", "Institution catalogue",
                  obj({"kind": kind("institutions"), "institutions": arr(inst, 1)}, ["kind", "institutions"]),
                  ["code", "text"])


def standard():
    unit = obj({"code": REF("code"), "name": REF("text"), "level": REF("level"), "credits": REF("credits")},
               ["code", "name", "level", "credits"])
    return schema("competency-standard", "Competency standard with its units",
                  obj({"kind": kind("competency-standard"), "code": REF("code"), "name": REF("text"),
                       "issuer": {"type": "string", "minLength": 1}, "units": arr(unit, 1)},
                      ["kind", "code", "name", "units"]),
                  ["code", "text", "level", "credits"])


def programme():
    course = obj({"code": REF("code"), "name": REF("text"), "credits": REF("credits"),
                  "category": {"enum": ["foundation", "core", "elective"]}, "level": REF("level")},
                 ["code", "name", "credits", "category", "level"])
    policy = obj({"cap_percent": {"type": "integer", "minimum": 0, "maximum": 100},
                  "kind_caps": obj({k: REF("credits") for k in KINDS}),
                  "max_per_outcome": REF("credits"),
                  "category_min_level": obj({c: REF("level") for c in ["foundation", "core", "elective"]}),
                  "transitive": {"type": "boolean"},
                  "max_hops": {"type": "integer", "minimum": 1}},
                 ["cap_percent"])
    return schema("programme", "Programme with courses and conversion policy",
                  obj({"kind": kind("programme"), "code": REF("code"), "institution": REF("code"),
                       "name": REF("text"), "level": REF("level"), "group": REF("code"),
                       "courses": arr(course, 1), "policy": policy},
                      ["kind", "code", "institution", "name", "level", "courses", "policy"]),
                  ["code", "text", "level", "credits"])


def header():
    return {"id": REF("code"), "priority": REF("priority"), "effective": REF("range")}


def recognition():
    forbid = lambda *names: {n: False for n in names}  # noqa: E731
    match = obj({"kind": {"enum": KINDS}, "code": REF("code"), "grade": REF("grade"), "institution": REF("code"),
                 "tier": REF("tier"), "rank": REF("rank")},
                ["kind"],
                allOf=[
                    {"if": {"properties": {"kind": {"enum": ["certificate", "training"]}}},
                     "then": {"required": ["code"], "properties": forbid("institution", "tier", "rank")}},
                    {"if": {"properties": {"kind": kind("award")}},
                     "then": {"required": ["code", "tier", "rank"], "properties": forbid("institution", "grade")}},
                    {"if": {"properties": {"kind": kind("course")}},
                     "then": {"required": ["institution"], "properties": forbid("grade", "tier", "rank")}},
                ])
    conditions = obj({"min_score": {"type": "number", "minimum": 0, "maximum": 100},
                      "awarding_bodies": arr(REF("code"), 1, uniqueItems=True),
                      "outcome_window": REF("range")})
    result = obj({"level": REF("level"), "credits": REF("credits"), "units": arr(REF("code"), uniqueItems=True),
                  "validity_years": {"type": "integer", "minimum": 1}})
    rule = obj(dict(header(), match=match, conditions=conditions, result=result),
               ["id", "priority", "effective", "match", "result"],
               allOf=[{"if": {"properties": {"match": {"properties": {"kind": {"not": kind("course")}}}}},
                       "then": {"properties": {"result": {"required": ["level", "credits"]}}}}])
    return schema("recognition-rules", "Recognition rules (认定规则)",
                  obj({"kind": kind("recognition-rules"), "rules": arr(rule, 1)}, ["kind", "rules"]),
                  ["code", "range", "level", "credits", "priority", "grade", "tier", "rank"])


def conversion():
    forbid = lambda *names: {n: False for n in names}  # noqa: E731
    selector = obj({"unit": REF("code"), "kind": {"enum": KINDS}, "code": REF("code"),
                    "institution": REF("code"), "min_grade": REF("grade"), "min_level": REF("level"),
                    "min_tier": REF("tier"), "min_rank": REF("rank")},
                   minProperties=1,
                   allOf=[
                       {"if": {"required": ["unit"]},
                        "then": {"maxProperties": 1},
                        "else": {"required": ["kind", "code"]}},
                       {"if": {"required": ["kind"], "properties": {"kind": kind("course")}},
                        "then": {"required": ["institution"],
                                 "properties": forbid("min_grade", "min_tier", "min_rank")}},
                       {"if": {"required": ["kind"], "properties": {"kind": {"enum": ["certificate", "training"]}}},
                        "then": {"properties": forbid("institution", "min_tier", "min_rank")}},
                       {"if": {"required": ["kind"], "properties": {"kind": kind("award")}},
                        "then": {"properties": forbid("institution", "min_grade")}},
                   ])
    rule = obj(dict(header(), inputs=arr(selector, 1), exempts=arr(REF("code"), 1, uniqueItems=True),
                    credits=REF("credits"), shareable={"type": "boolean"}),
               ["id", "priority", "effective", "inputs", "exempts"])
    return schema("conversion-rules", "Conversion rules (转换规则) of one programme",
                  obj({"kind": kind("conversion-rules"), "programme": REF("code"), "rules": arr(rule)},
                      ["kind", "programme", "rules"]),
                  ["code", "range", "level", "credits", "priority", "grade", "tier", "rank"])


def equivalences():
    vertex = obj({"course": obj({"institution": REF("code"), "code": REF("code")}, ["institution", "code"]),
                  "certificate": obj({"code": REF("code"), "grade": REF("grade")}, ["code", "grade"]),
                  "unit": REF("code")},
                 minProperties=1, maxProperties=1)
    eq = obj(dict(header(), **{"from": vertex, "to": vertex,
                               "ratio": {"type": "number", "exclusiveMinimum": 0, "maximum": 1,
                                         "description": "at most 2 decimal places; checked by the loader"},
                               "direction": {"enum": ["one-way", "mutual"]}}),
             ["id", "priority", "effective", "from", "to", "ratio", "direction"])
    return schema("equivalences", "Equivalences (学分互认)",
                  obj({"kind": kind("equivalences"), "equivalences": arr(eq, 1)}, ["kind", "equivalences"]),
                  ["code", "range", "priority", "grade"])


def learner():
    forbid = lambda *names: {n: False for n in names}  # noqa: E731
    outcome = obj({"id": {"type": "string", "minLength": 1}, "kind": {"enum": KINDS}, "code": REF("code"),
                   "institution": REF("code"), "grade": REF("grade"), "tier": REF("tier"), "rank": REF("rank"),
                   "score": {"type": "number", "minimum": 0, "maximum": 100}, "date": REF("date"),
                   "awarding_body": REF("code")},
                  ["kind", "code", "date"],
                  allOf=[
                      {"if": {"properties": {"kind": kind("course")}},
                       "then": {"required": ["institution"], "properties": forbid("grade", "tier", "rank")}},
                      {"if": {"properties": {"kind": kind("award")}},
                       "then": {"required": ["tier", "rank"], "properties": forbid("institution", "grade")}},
                      {"if": {"properties": {"kind": {"enum": ["certificate", "training"]}}},
                       "then": {"properties": forbid("institution", "tier", "rank")}},
                  ])
    return schema("learner", "One learner with learning outcomes (one JSON Lines record)",
                  obj({"learner_id": {"type": "string", "minLength": 1}, "name": {"type": "string"},
                       "outcomes": arr(outcome)},
                      ["learner_id", "outcomes"]),
                  ["code", "date", "grade", "tier", "rank"])


def decision():
    oid = {"type": "string", "minLength": 1}
    certified = obj({"outcome": oid, "status": kind("certified"), "rule": REF("code"), "level": REF("level"),
                     "credits": REF("credits"), "units": arr(REF("code")),
                     "valid_until": {"anyOf": [REF("date"), {"type": "null"}]}},
                    ["outcome", "status", "rule", "level", "credits", "units", "valid_until"])
    rejected = obj({"outcome": oid, "status": kind("rejected"), "reason": {"enum": CERT_REASONS},
                    "detail": {"type": "string"}},
                   ["outcome", "status", "reason", "detail"])
    exemption = obj({"course": REF("code"), "credits": REF("credits"), "outcomes": arr(oid, 1),
                     "rule": REF("code"), "path": arr(REF("code"))},
                    ["course", "credits", "outcomes", "rule", "path"])
    not_used = obj({"outcome": oid, "reason": {"enum": CERT_REASONS + CONV_REASONS},
                    "detail": {"type": "string"}}, ["outcome", "reason", "detail"])
    not_chosen = obj({"courses": arr(REF("code"), 1), "rule": REF("code"), "outcomes": arr(oid, 1),
                      "reason": {"enum": CONV_REASONS}, "detail": {"type": "string"}},
                     ["courses", "rule", "outcomes", "reason", "detail"])
    return schema("decision", "Conversion decision: one learner, one programme",
                  obj({"learner": oid, "programme": REF("code"), "date": REF("date"),
                       "rule_set": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                       "granted": REF("credits"), "cap": REF("credits"),
                       "certifications": arr({"oneOf": [certified, rejected]}),
                       "exemptions": arr(exemption), "not_used": arr(not_used), "not_chosen": arr(not_chosen)},
                      ["learner", "programme", "date", "rule_set", "granted", "cap", "certifications",
                       "exemptions", "not_used", "not_chosen"]),
                  ["code", "date", "level", "credits"])


SCHEMAS = {"framework": framework, "certificates": certificates, "competitions": competitions,
           "institutions": institutions, "competency-standard": standard, "programme": programme,
           "recognition-rules": recognition, "conversion-rules": conversion, "equivalences": equivalences,
           "learner": learner, "decision": decision}


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "schemas")
    os.makedirs(root, exist_ok=True)
    for name, make in SCHEMAS.items():
        with open(os.path.join(root, f"{name}.schema.json"), "w", encoding="utf-8") as f:
            f.write(dumps(make()))
            f.write("\n")
    print(f"wrote {len(SCHEMAS)} schemas to {root}")


if __name__ == "__main__":
    main()
