#!/usr/bin/python3
"""Opens spreadsheets in headless LibreOffice set to one locale and prints what it reads.

    /usr/bin/python3 tests/sheet/read_sheet.py nl-NL a.xlsx b.xlsx > cells.json

Starts its own soffice with a fresh profile whose locale setting (the one that decides the
decimal and thousands separators, Tools > Options > Language Settings > Locale setting) is the
given locale, loads each file, and prints JSON: for each file, each sheet's non-empty cells with
their type as LibreOffice sees it (value or text), the number it holds, the string it displays
and its number format. Then it stops soffice. Uses Debian's python3-uno (run it with
/usr/bin/python3, whose site-packages hold `uno`).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# The profile's locale settings: the system locale of the profile ("Locale setting"), the
# default currency that goes with it, and the UI language.
XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupCurrency" oor:op="fuse"><value></value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office(locale, profile):
    user = os.path.join(profile, "user")
    os.makedirs(user)
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(XCU.format(locale=locale))
    pipe = "skc_sheet_%d" % os.getpid()
    posix = locale.replace("-", "_") + ".UTF-8"
    env = dict(os.environ, LANG=posix, LC_ALL=posix, SAL_USE_VCLPLUGIN="svp")
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext()
    )
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return office, ctx
        except NoConnectException:
            if office.poll() is not None or time.time() > deadline:
                raise RuntimeError("soffice did not start (exit code %s)" % office.poll())
            time.sleep(0.2)


def read_document(desktop, path):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True))
    )
    if doc is None:
        raise RuntimeError("LibreOffice could not open " + path)
    try:
        formats = doc.NumberFormats
        sheets = []
        for sheet in doc.Sheets:
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            last_col = cursor.RangeAddress.EndColumn
            last_row = cursor.RangeAddress.EndRow
            cells = []
            for row in range(last_row + 1):
                for col in range(last_col + 1):
                    cell = sheet.getCellByPosition(col, row)
                    # com.sun.star.table.CellContentType: EMPTY, VALUE, TEXT or FORMULA.
                    kind = cell.Type.value.lower()
                    if kind == "empty":
                        continue
                    number_format = formats.getByKey(cell.NumberFormat)
                    cells.append(
                        {
                            "row": row + 1,
                            "col": col + 1,
                            "type": kind,
                            "value": cell.Value if kind == "value" else None,
                            "text": cell.String,
                            "format": number_format.FormatString,
                            "formatLocale": "%s-%s" % (number_format.Locale.Language, number_format.Locale.Country),
                        }
                    )
            sheets.append({"name": sheet.Name, "cells": cells})
        return {"file": path, "sheets": sheets}
    finally:
        doc.close(True)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: read_sheet.py LOCALE FILE...")
    locale, paths = sys.argv[1], sys.argv[2:]
    profile = tempfile.mkdtemp(prefix="skc-lo-")
    office = None
    try:
        office, ctx = start_office(locale, profile)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # What LibreOffice took as its locale setting, so a caller can check the profile worked.
        config = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
        l10n = config.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess", (prop("nodepath", "/org.openoffice.Setup/L10N"),)
        )
        result = {"locale": l10n.getByName("ooSetupSystemLocale"), "files": [read_document(desktop, p) for p in paths]}
        try:
            desktop.terminate()
        except Exception:  # the bridge goes away while terminate() returns
            pass
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    finally:
        if office is not None:
            try:
                office.wait(timeout=20)
            except subprocess.TimeoutExpired:
                office.kill()
                office.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
