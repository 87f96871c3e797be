#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Updates translations/kiro-tray_zh_CN.ts from the sources and carries each translation to strings that only moved
# to another class (tr() context): a new unfinished message takes the translation of the same source text (and
# comment) from any context. Then drops what no source uses any more. Usage: scripts/carry-translations.py
import re, shutil, subprocess, sys, xml.etree.ElementTree as ET
from pathlib import Path

root = Path(__file__).resolve().parent.parent
ts = root / "translations" / "kiro-tray_zh_CN.ts"
lupdate = shutil.which("lupdate") or "/usr/lib/qt6/bin/lupdate"
sources = [str(root / d) for d in ("ui", "app", "proxy")]

def run_lupdate(*extra):
    subprocess.run([lupdate, "-silent", "-locations", "none", *extra, *sources, "-ts", str(ts)], check=True)

run_lupdate()  # keeps vanished messages as type="vanished"/"obsolete", so their translations can be reused
tree = ET.parse(ts)
known = {}
for msg in tree.iter("message"):
    tr = msg.find("translation")
    if tr is None or tr.get("type") == "unfinished":
        continue
    key = (msg.findtext("source"), msg.findtext("comment"))
    if msg.get("numerus") == "yes":
        forms = [f.text for f in tr.findall("numerusform")]
        if all(forms):
            known.setdefault(key, ("numerus", forms))
    elif tr.text:
        known.setdefault(key, ("plain", tr.text))
carried = 0
for msg in tree.iter("message"):
    tr = msg.find("translation")
    if tr is None or tr.get("type") != "unfinished":
        continue
    found = known.get((msg.findtext("source"), msg.findtext("comment")))
    if not found:
        continue
    kind, value = found
    if kind == "numerus" and msg.get("numerus") == "yes":
        for child in list(tr):
            tr.remove(child)
        for form in value:
            ET.SubElement(tr, "numerusform").text = form
    elif kind == "plain" and msg.get("numerus") != "yes":
        tr.text = value
    else:
        continue
    del tr.attrib["type"]
    carried += 1
tree.write(ts, encoding="utf-8", xml_declaration=True)
run_lupdate("-no-obsolete")  # drop the vanished ones, normalise formatting
left = len(re.findall(r'type="unfinished"', ts.read_text(encoding="utf-8")))
print(f"carried {carried} translation(s); {left} string(s) still need a zh_CN translation")
sys.exit(1 if left else 0)
