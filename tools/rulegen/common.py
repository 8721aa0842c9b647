"""Shared helpers for the rule-data generator: texts, ids and JSON output.

The JSON files under rules/ are the source of truth; this package only writes them reproducibly
(sorted nothing, stable key order, two-space indentation, UTF-8 without escapes).
"""
import json
import os


def T(zh, en=None):
    """A text object {"zh", "en"}; en omitted when not given."""
    return {"zh": zh, "en": en} if en else {"zh": zh}


def num(value):
    """A credit or ratio as the shortest JSON number: 4, 4.5, 0.75 (never 4.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def eff(frm=None, to=None):
    out = {}
    if frm:
        out["from"] = frm
    if to:
        out["to"] = to
    return out


WIDTH = 110


def dumps(value, indent=0):
    """JSON text with two-space indentation; an object or array that fits in WIDTH columns stays on
    one line, so that a rule reads as a few lines rather than dozens."""
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if indent + len(flat) <= WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + dumps(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def write_json(root, rel, doc):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(doc))
        f.write("\n")
    return path
