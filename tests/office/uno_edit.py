"""Edit a Word document in LibreOffice as a reviewer would, through its UNO API.

Run with Debian's python3 (which has ``python3-uno``), not the project's venv:

    /usr/bin/python3 tests/office/uno_edit.py PROFILE_DIR IN.docx OUT.docx SPEC.json

SPEC is JSON: ``author`` (the reviewer's name, set as LibreOffice's user), ``untracked``
([old, new] replaced before change tracking is switched on), ``replace`` ([old, new] replaced
with tracking on), ``comment`` ([words, text]: a comment on the first occurrence of the words),
``cells`` ([name, text]: a cell of the first table, or of the first sheet of a spreadsheet,
filled in, as the public fills a form: «F6»).
Each ``old`` and ``words`` is found as the first occurrence in the document, case-sensitively.
The document is saved as Word 2007–365 (.docx), or a spreadsheet as Excel 2007–365 (.xlsx):
the formats a reviewer sends back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.util import DateTime  # type: ignore[import-not-found]


def _property(name: str, value: Any) -> Any:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - LibreOffice is still starting
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not start")


def _set_user(context: Any, author: str) -> None:
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (_property("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    given, _, family = author.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def edit(context: Any, source: str, target: str, spec: dict[str, Any]) -> None:
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (_property("Hidden", True),)
    )

    if target.endswith(".xlsx"):
        sheet = document.Sheets.getByIndex(0)
        for name, text in spec.get("cells", []):
            sheet.getCellRangeByName(name).setString(text)
        document.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(target)), (_property("FilterName", "Calc MS Excel 2007 XML"),)
        )
        document.close(True)
        return
    for name, text in spec.get("cells", []):
        document.TextTables.getByIndex(0).getCellByName(name).setString(text)

    def find(words: str) -> Any:
        search = document.createSearchDescriptor()
        search.SearchString = words
        search.SearchCaseSensitive = True
        found = document.findFirst(search)
        if found is None:
            raise SystemExit(f"not in the document: {words!r}")
        return found

    for old, new in spec.get("untracked", []):
        find(old).setString(new)
    document.RecordChanges = True
    for old, new in spec.get("replace", []):
        find(old).setString(new)
    for words, text in spec.get("comment", []):
        found = find(words)
        annotation = document.createInstance("com.sun.star.text.textfield.Annotation")
        annotation.Content = text
        annotation.Author = spec["author"]
        when = DateTime()
        when.Year, when.Month, when.Day, when.Hours = 2026, 12, 3, 10
        annotation.DateTimeValue = when
        found.getText().insertTextContent(found, annotation, True)
    document.storeToURL(
        uno.systemPathToFileUrl(os.path.abspath(target)), (_property("FilterName", "MS Word 2007 XML"),)
    )
    document.close(True)


def main() -> None:
    profile, source, target, spec_path = sys.argv[1:5]
    with open(spec_path, encoding="utf-8") as file:
        spec = json.load(file)
    pipe = "kodeks" + uuid.uuid4().hex
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible", "--norestore",
         f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        context = _connect(pipe)
        _set_user(context, spec["author"])
        edit(context, source, target, spec)
        try:
            context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context).terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as LibreOffice quits
            pass
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
