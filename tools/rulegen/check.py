"""Independent checks of the generated rule set, the ones a JSON Schema cannot express: references
resolve, ids are unique, levels exist, shared courses agree, credits and ratios have at most two
decimals, and no two recognition rules are ambiguous. Also reports conversion rules that can never be
admissible under their programme's level matching. Returns a list of error strings."""
from decimal import Decimal

RANK_ORDER = ["first", "second", "third", "merit"]
TIER_ORDER = ["international", "national", "provincial", "municipal", "school"]


def _dec_ok(x):
    return x >= 0 and Decimal(str(x)) == Decimal(str(x)).quantize(Decimal("0.01"))


def _overlap(a, b):
    af, at = a.get("from", "0001-01-01"), a.get("to", "9999-12-31")
    bf, bt = b.get("from", "0001-01-01"), b.get("to", "9999-12-31")
    return af <= bt and bf <= at


def check(docs):
    """docs: {relative path: document}."""
    errors, notes = [], []
    by_kind = {}
    for path, doc in docs.items():
        by_kind.setdefault(doc["kind"], []).append((path, doc))
    fw = by_kind["framework"][0][1]
    levels = {l["level"] for l in fw["levels"]}
    if sorted(levels) != list(range(1, len(levels) + 1)):
        errors.append("framework levels not contiguous")
    certs = {}
    for _, d in by_kind["certificates"]:
        for c in d["certificates"]:
            if c["code"] in certs:
                errors.append(f"duplicate certificate {c['code']}")
            certs[c["code"]] = c
            lv = [g["level"] for g in c["grades"]]
            if lv != sorted(lv) or any(l not in levels for l in lv):
                errors.append(f"grades of {c['code']}")
    comps = {c["code"]: c for _, d in by_kind["competitions"] for c in d["competitions"]}
    insts = {i["code"]: i for _, d in by_kind["institutions"] for i in d["institutions"]}
    units = {}
    for _, d in by_kind["competency-standard"]:
        for u in d["units"]:
            if u["code"] in units:
                errors.append(f"duplicate unit {u['code']}")
            units[u["code"]] = u
            if u["level"] not in levels or not _dec_ok(u["credits"]):
                errors.append(f"unit {u['code']}")
    progs, courses = {}, {}
    for path, p in by_kind["programme"]:
        if p["code"] in progs:
            errors.append(f"duplicate programme {p['code']}")
        progs[p["code"]] = p
        if p["institution"] not in insts:
            errors.append(f"{path}: unknown institution")
        seen = set()
        for c in p["courses"]:
            if c["code"] in seen:
                errors.append(f"{path}: duplicate course {c['code']}")
            seen.add(c["code"])
            key = (p["institution"], c["code"])
            if key in courses and courses[key] != c:
                errors.append(f"{path}: shared course {c['code']} disagrees")
            courses[key] = c
            if c["level"] not in levels or not _dec_ok(c["credits"]):
                errors.append(f"{path}: course {c['code']}")
    ids = set()

    def rid(r, path):
        if r["id"] in ids:
            errors.append(f"{path}: duplicate id {r['id']}")
        ids.add(r["id"])

    # Recognition rules.
    rec = []
    award_levels = {}
    for path, d in by_kind["recognition-rules"]:
        for r in d["rules"]:
            rid(r, path)
            m, res = r["match"], r["result"]
            if m["kind"] in ("certificate", "training"):
                c = certs.get(m["code"])
                if not c or (m["kind"] == "training") != (c["scheme"] == "training"):
                    errors.append(f"{r['id']}: bad certificate {m['code']}")
                    continue
                grades = {g["grade"]: g["level"] for g in c["grades"]}
                g = m.get("grade")
                if g is None and len(grades) != 1:
                    errors.append(f"{r['id']}: grade omitted")
                gl = grades.get(g) if g else next(iter(grades.values()))
                if gl is None or res.get("level") != gl:
                    errors.append(f"{r['id']}: level does not match grade")
                key = (m["kind"], m["code"], g or next(iter(grades)))
            elif m["kind"] == "award":
                c = comps.get(m["code"])
                if not c or m["tier"] not in c["tiers"]:
                    errors.append(f"{r['id']}: bad award")
                key = ("award", m["code"], m["tier"], m["rank"])
            else:
                if m["institution"] not in insts:
                    errors.append(f"{r['id']}: bad institution")
                if "code" in m and (m["institution"], m["code"]) not in courses:
                    errors.append(f"{r['id']}: bad course")
                key = ("course", m["institution"], m.get("code", ""))
            if "level" in res and res["level"] not in levels:
                errors.append(f"{r['id']}: level")
            if "credits" in res and not _dec_ok(res["credits"]):
                errors.append(f"{r['id']}: credits")
            for u in res.get("units", []):
                if u not in units:
                    errors.append(f"{r['id']}: unknown unit {u}")
            for b in r.get("conditions", {}).get("awarding_bodies", []):
                if m["kind"] in ("certificate", "training") and b != certs[m["code"]]["awarding_body"]:
                    notes.append(f"{r['id']}: body {b} differs from the catalogue's")
            rec.append((key, r))
            if m["kind"] == "award":
                award_levels[(m["code"], m["tier"], m["rank"])] = res["level"]
    for i, (k1, r1) in enumerate(rec):
        for k2, r2 in rec[i + 1:]:
            if k1 == k2 and r1["priority"] == r2["priority"] and _overlap(r1["effective"], r2["effective"]) \
                    and r1["result"] != r2["result"]:
                errors.append(f"ambiguous: {r1['id']} / {r2['id']}")
    # Conversion rules.
    conv_progs = set()
    for path, d in by_kind["conversion-rules"]:
        p = progs.get(d["programme"])
        if not p:
            errors.append(f"{path}: unknown programme")
            continue
        conv_progs.add(p["code"])
        pcourses = {c["code"]: c for c in p["courses"]}
        cml = p["policy"]["category_min_level"]
        for r in d["rules"]:
            rid(r, path)
            need = 0
            for e in r["exempts"]:
                if e not in pcourses:
                    errors.append(f"{r['id']}: unknown course {e}")
                else:
                    need = max(need, cml[pcourses[e]["category"]])
            if "credits" in r and not _dec_ok(r["credits"]):
                errors.append(f"{r['id']}: credits")
            total = r.get("credits", sum(pcourses[e]["credits"] for e in r["exempts"] if e in pcourses))
            if total > p["policy"]["max_per_outcome"]:
                notes.append(f"{r['id']}: {total} credits exceed max_per_outcome")
            for inp in r["inputs"]:
                if "unit" in inp:
                    if inp["unit"] not in units:
                        errors.append(f"{r['id']}: unknown unit")
                    continue
                k = inp["kind"]
                if k in ("certificate", "training"):
                    c = certs.get(inp["code"])
                    if not c or (k == "training") != (c["scheme"] == "training"):
                        errors.append(f"{r['id']}: bad certificate {inp['code']}")
                        continue
                    grades = {g["grade"]: g["level"] for g in c["grades"]}
                    if "min_grade" in inp and inp["min_grade"] not in grades:
                        errors.append(f"{r['id']}: bad grade")
                    elif max(grades.values()) < need:
                        notes.append(f"{r['id']}: never admissible (level {max(grades.values())} < {need})")
                elif k == "award":
                    c = comps.get(inp["code"])
                    if not c:
                        errors.append(f"{r['id']}: unknown competition")
                        continue
                    tmax = TIER_ORDER.index(inp.get("min_tier", "school"))
                    rmax = RANK_ORDER.index(inp.get("min_rank", "merit"))
                    reach = [lv for (cc, t, rk), lv in award_levels.items()
                             if cc == inp["code"] and TIER_ORDER.index(t) <= tmax and RANK_ORDER.index(rk) <= rmax]
                    if not reach:
                        errors.append(f"{r['id']}: no recognised award satisfies the input")
                    elif max(reach) < need:
                        notes.append(f"{r['id']}: never admissible (award level {max(reach)} < {need})")
                elif k == "course":
                    if (inp["institution"], inp["code"]) not in courses:
                        errors.append(f"{r['id']}: unknown course {inp['code']}")
                    elif courses[(inp["institution"], inp["code"])]["level"] < need:
                        notes.append(f"{r['id']}: never admissible (course level)")
    for code in progs:
        if code not in conv_progs:
            errors.append(f"no conversion rules for {code}")
    # Equivalences.
    def vertex_ok(v):
        if "course" in v:
            return (v["course"]["institution"], v["course"]["code"]) in courses
        if "certificate" in v:
            c = certs.get(v["certificate"]["code"])
            return bool(c) and any(g["grade"] == v["certificate"]["grade"] for g in c["grades"])
        return v["unit"] in units

    for path, d in by_kind["equivalences"]:
        for e in d["equivalences"]:
            rid(e, path)
            if not vertex_ok(e["from"]) or not vertex_ok(e["to"]):
                errors.append(f"{e['id']}: unresolved vertex")
            if not (0 < e["ratio"] <= 1) or not _dec_ok(e["ratio"]):
                errors.append(f"{e['id']}: ratio")
    return errors, notes
