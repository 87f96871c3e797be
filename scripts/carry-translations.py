#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Updates the translations from the sources. Usage: scripts/carry-translations.py
#
# translations/kiro-tray_zh_CN.ts: every string. A new unfinished message takes the translation of the same source text
# (and comment) from any context, so strings that only moved to another class (tr() context) keep theirs; then what no
# source uses any more is dropped. Exits non-zero while a string still needs a zh_CN translation.
#
# translations/kiro-tray_en.ts: the plural forms only (lupdate -pluralonly). The sources are English, but a
# tr("%n account(s)", nullptr, n) needs a translation to become "1 account" / "2 accounts". The forms are filled from
# the source text by english_forms() below; a form corrected by hand in the .ts is kept (only unfinished ones are filled).
import re, shutil, subprocess, sys, xml.etree.ElementTree as ET
from pathlib import Path

root = Path(__file__).resolve().parent.parent
zh_ts = root / "translations" / "kiro-tray_zh_CN.ts"
en_ts = root / "translations" / "kiro-tray_en.ts"
lupdate = shutil.which("lupdate") or "/usr/lib/qt6/bin/lupdate"
sources = [str(root / d) for d in ("ui", "app", "proxy")]

def run_lupdate(ts, *extra):
    subprocess.run([lupdate, "-silent", "-locations", "none", *extra, *sources, "-ts", str(ts)], check=True)

# "word(s)", "match(es)", "entry(ies)": the plural marker right after a word.
MARKER = re.compile(r"([A-Za-z]+)\((s|es|ies)\)")
# "%n of %1 account(s)": the noun is counted by the other number, so it is plural whatever %n is.
COUNTED_BY_OTHER = re.compile(r"%n of %L?\d+ ([A-Za-z]+)\((s|es|ies)\)")

def english_forms(source):
    """The English singular (n = 1) and plural forms of a numerus source text."""
    def inflect(match, plural):
        word, suffix = match.group(1), match.group(2)
        if not plural:
            return word
        return word[:-1] + "ies" if suffix == "ies" else word + suffix
    always_plural = COUNTED_BY_OTHER.sub(lambda m: m.group(0).replace(m.group(1) + "(" + m.group(2) + ")",
                                                                      inflect(m, True)), source)
    return [MARKER.sub(lambda m: inflect(m, False), always_plural), MARKER.sub(lambda m: inflect(m, True), always_plural)]

def update_zh_cn():
    run_lupdate(zh_ts)  # keeps vanished messages as type="vanished"/"obsolete", so their translations can be reused
    tree = ET.parse(zh_ts)
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
    tree.write(zh_ts, encoding="utf-8", xml_declaration=True)
    run_lupdate(zh_ts, "-no-obsolete")  # drop the vanished ones, normalise formatting
    left = len(re.findall(r'type="unfinished"', zh_ts.read_text(encoding="utf-8")))
    print(f"zh_CN: carried {carried} translation(s); {left} string(s) still need a zh_CN translation")
    return left

def update_en():
    run_lupdate(en_ts, "-pluralonly", "-no-obsolete", "-source-language", "en", "-target-language", "en")
    tree = ET.parse(en_ts)
    filled = []
    for msg in tree.iter("message"):
        tr = msg.find("translation")
        if msg.get("numerus") != "yes" or tr is None or tr.get("type") != "unfinished":
            continue
        source = msg.findtext("source")
        for child in list(tr):
            tr.remove(child)
        for form in english_forms(source):
            ET.SubElement(tr, "numerusform").text = form
        del tr.attrib["type"]
        filled.append(source)
    tree.write(en_ts, encoding="utf-8", xml_declaration=True)
    run_lupdate(en_ts, "-pluralonly", "-no-obsolete")  # normalise formatting
    for source in filled:
        print("en: " + " | ".join(english_forms(source)).replace("\n", "\\n"))
    total = len(re.findall(r'numerus="yes"', en_ts.read_text(encoding="utf-8")))
    print(f"en: {total} plural string(s), {len(filled)} filled now")

if __name__ == "__main__":
    update_en()
    sys.exit(1 if update_zh_cn() else 0)
