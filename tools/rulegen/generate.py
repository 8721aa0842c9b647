"""Writes the shipped rule set under rules/ and checks it.

Usage: python3 tools/rulegen/generate.py [rules directory]   (default: <repo>/rules)
Exit status 1 when a check fails.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import catalogues  # noqa: E402
import certificates  # noqa: E402
import check  # noqa: E402
import conversion  # noqa: E402
import equivalences  # noqa: E402
import framework  # noqa: E402
import programmes  # noqa: E402
import recognition  # noqa: E402
from common import write_json  # noqa: E402


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "rules")
    docs = {}
    docs["framework.json"] = framework.framework()
    cert_doc, info = certificates.build()
    docs["catalogues/certificates.json"] = cert_doc
    docs["catalogues/competitions.json"] = catalogues.competitions()
    docs["catalogues/institutions.json"] = catalogues.institutions()
    docs["standards/iot-industry-competency.json"] = catalogues.standard()
    progs = programmes.build()
    course_levels = {}
    for stem, p in progs.items():
        docs[f"programmes/{p['code']}.json"] = p
        for c in p["courses"]:
            course_levels[(p["institution"], c["code"])] = (c["level"], c["credits"])
    for stem, doc in recognition.build(info, course_levels).items():
        docs[f"recognition/{stem}.json"] = doc
    for prog, doc in conversion.build().items():
        docs[f"conversion/{prog}.json"] = doc
    for stem, doc in equivalences.build().items():
        docs[f"equivalences/{stem}.json"] = doc
    errors, notes = check.check(docs)
    for n in notes:
        print("note:", n)
    for e in errors:
        print("error:", e)
    if errors:
        return 1
    # Files this generator wrote before but no longer produces are removed; README.md stays.
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            if name.endswith(".json") and rel not in docs:
                os.remove(os.path.join(dirpath, name))
    for rel, doc in docs.items():
        write_json(root, rel, doc)
    print(f"wrote {len(docs)} files to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
