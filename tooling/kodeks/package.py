"""``kodeks package``: the papers a draft law is filed with, as one deterministic folder or zip.

The Code (parallel text and each language, Word and HTML), the consolidation report, the table
of comments of each review round and, against a base revision, the comparison table; an index
page naming each paper in both languages, and a manifest with each file's SHA-256. The same
revision gives the same bytes, the zip included. What keeps the package from being filed
(``--check``) is listed from the same data: the Code's findings, open provisions, comments not
yet answered.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from . import wording
from .consolidation import Consolidation, Fate
from .diagnostics import Diagnostic
from .diff import Comparison
from .messages import Message, msg, plural
from .model import Code, Decision
from .snapshot import NOTE_FILE, Revision

INDEX = "index.html"
MANIFEST = "manifest.json"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every entry of the zip dated alike (the format's earliest date): the same papers, the same bytes."""


@dataclass(frozen=True, slots=True)
class Paper:
    """One document of the package."""

    name: str
    titles: Mapping[str, str]
    """What it is, in each language of the Code (for the index)."""
    data: bytes


def papers(
    code: Code,
    revision: Revision | None,
    consolidation: Consolidation,
    comparison: Comparison | None,
) -> list[Paper]:
    """Every document of the package, in the order the index lists them."""
    from .render import BuildOptions, render, render_redline
    from .render.consolidation import outline
    from .render.enacting_law import render_docx as render_enacting_law
    from .render.justification_note import outline as justification_note
    from .render.outline import render as render_outline
    from .render.review_table import render as render_review
    from .review_table import review_table

    languages = code.languages

    def titled(key: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        return {lang: wording.word(key, lang) + (f" ({extra[lang]})" if extra else "") for lang in languages}

    both = {lang: wording.in_languages(lang, languages) for lang in languages}
    jobs: list[tuple[str, dict[str, str], Callable[[], bytes]]] = [
        (
            f"{code.id}.html",
            titled("package-code", both),
            lambda: render("html", code, revision, BuildOptions(languages)),
        ),
        (
            f"{code.id}.docx",
            titled("package-code", both),
            lambda: render("docx", code, revision, BuildOptions(languages)),
        ),
    ]
    for language in languages:
        alone = {lang: wording.in_languages(lang, (language,)) for lang in languages}
        jobs.append(
            (
                f"{code.id}.{language}.docx",
                titled("package-code", alone),
                partial(render, "docx", code, revision, BuildOptions((language,))),
            )
        )
    jobs.append(
        (
            "consolidation.docx",
            titled("consolidation"),
            lambda: render_outline("docx", outline(code, consolidation, languages, revision), languages[0]),
        )
    )

    def review(round_id: str) -> bytes:
        return render_review("docx", review_table(code, (round_id,)), languages)

    def note(language: str) -> bytes:
        return render_outline("docx", justification_note(code, consolidation, language), language, landscape=False)

    for review_round in code.reviews:
        rounds = {lang: review_round.name or review_round.id for lang in languages}
        jobs.append(
            (f"review-{review_round.id}.docx", titled("review-table", rounds), partial(review, review_round.id))
        )
    for language in languages:
        alone = {lang: wording.in_languages(lang, (language,)) for lang in languages}
        jobs.append(
            (f"justification-note.{language}.docx", titled("justification-note", alone), partial(note, language))
        )
    jobs.append(("enacting-law.docx", titled("enacting-law"), lambda: render_enacting_law(code, consolidation)))
    if comparison is not None:
        jobs.append(
            (
                "comparison.docx",
                titled("comparison"),
                lambda: render_redline("docx", comparison, languages, with_table=True),
            )
        )
    made = _made([job for _, _, job in jobs])
    return [Paper(name, titles, data) for (name, titles, _), data in zip(jobs, made, strict=True)]


_JOBS: list[Callable[[], bytes]] = []
"""The papers being made, for the forked workers (a fork inherits them: nothing is pickled
but the bytes that come back)."""


def _run(index: int) -> bytes:
    return _JOBS[index]()


def _made(jobs: list[Callable[[], bytes]]) -> list[bytes]:
    """Each job's bytes, in order: on as many processors as the machine has (the three Word
    copies of the Code cost seconds each), by forking where the system can; one by one
    elsewhere. The same jobs give the same bytes either way."""
    import multiprocessing
    import os

    workers = min(len(jobs), os.cpu_count() or 1, 4)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [job() for job in jobs]
    _JOBS[:] = jobs
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(len(jobs)), chunksize=1)
    finally:
        _JOBS.clear()


def manifest(documents: Sequence[Paper]) -> bytes:
    """Each file with its size and SHA-256: what a recipient checks the package against."""
    files = [
        {"name": paper.name, "bytes": len(paper.data), "sha256": hashlib.sha256(paper.data).hexdigest()}
        for paper in documents
    ]
    return (json.dumps({"files": files}, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def index(documents: Sequence[Paper], code: Code, revision: Revision | None) -> bytes:
    """One page naming each paper in every language of the Code, with its revision."""
    e = html.escape
    languages = code.languages
    title = " / ".join(f"{wording.word('package', lang)}: {code.title.get(lang, code.id)}" for lang in languages)
    revision_text = e(revision.hexsha[:12]) if revision else e(wording.word("working-tree", languages[0]))
    rows = "\n".join(
        f'<tr><td><a href="{e(paper.name)}">{e(paper.name)}</a></td>'
        + "".join(f'<td lang="{e(lang)}">{e(paper.titles[lang])}</td>' for lang in languages)
        + f"<td><code>{hashlib.sha256(paper.data).hexdigest()[:16]}</code></td></tr>"
        for paper in documents
    )
    head = "".join(f'<th lang="{e(lang)}">{e(wording.word("document", lang))}</th>' for lang in languages)
    page = f"""<!DOCTYPE html>
<html lang="{e(languages[0])}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>
body {{ font-family: "DejaVu Serif", "Times New Roman", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }}
@page {{ size: A4; margin: 18mm; }}
</style></head>
<body>
<h1>{e(title)}</h1>
<p>{e(wording.word_in_each("revision", languages))}: {revision_text}</p>
<table><thead><tr><th>{e(wording.word_in_each("file", languages))}</th>{head}<th>SHA-256</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p><a href="{MANIFEST}">{MANIFEST}</a></p>
</body></html>
"""
    return page.encode("utf-8")


def bundle(documents: Sequence[Paper], code: Code, revision: Revision | None) -> list[Paper]:
    """The papers with the index and the manifest, as the package holds them."""
    extra = [
        Paper(
            INDEX, {lang: wording.word("package", lang) for lang in code.languages}, index(documents, code, revision)
        ),
        Paper(MANIFEST, {lang: "SHA-256" for lang in code.languages}, manifest(documents)),
    ]
    return [*documents, *extra]


def as_zip(files: Sequence[Paper]) -> bytes:
    """The package as one zip, byte for byte the same for the same papers."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for paper in sorted(files, key=lambda p: p.name):
            info = zipfile.ZipInfo(paper.name, date_time=_ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, paper.data)
    return buffer.getvalue()


def not_ready(code: Code, findings: Sequence[Diagnostic], consolidation: Consolidation) -> list[Message]:
    """What keeps the package from being filed: the Code's findings (warnings too, as CI treats
    them), provisions of the acts still undecided, comments not yet answered, sections of the
    justification note still a placeholder (in each language: the two texts are filed alike)."""
    from .render.justification_note import placeholders

    problems: list[Message] = [
        msg("{location}: {code} {message}", location=str(finding.location), code=finding.code, message=finding.message)
        for finding in findings
        if not finding.is_notice
    ]
    for coverage in consolidation.acts:
        undecided = coverage.count(Fate.OPEN)
        if undecided:
            problems.append(
                plural(
                    "{act}: {count} provision is still undecided (kodeks consolidation)",
                    "{act}: {count} provisions are still undecided (kodeks consolidation)",
                    undecided,
                    act=coverage.act.id,
                )
            )
    for review_round in code.reviews:
        open_comments = sum(entry.decision is Decision.OPEN for entry in review_round.entries)
        if open_comments:
            problems.append(
                plural(
                    "round `{round}`: {count} comment is not answered yet",
                    "round `{round}`: {count} comments are not answered yet",
                    open_comments,
                    round=review_round.id,
                )
            )
    for language in code.languages:
        for key, heading in placeholders(code, consolidation, language):
            problems.append(
                msg(
                    "{file}: the justification note's section «{section}» is still a placeholder in {language}: "
                    "write it under `{key}:`",
                    file=NOTE_FILE,
                    language=language,
                    section=heading,
                    key=key,
                )
            )
    return problems
