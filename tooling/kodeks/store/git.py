"""The Code as a Git revision has it, read from Git objects without a checkout."""

from __future__ import annotations

import re
import subprocess
import threading
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, SourceLocation
from ..errors import CodeNotFoundError, RevisionError
from ..messages import Message, msg
from ..rules import rule
from ..source import MAX_FILE_SIZE
from . import CODE_DIR, Revision, Snapshot, blob_id

if TYPE_CHECKING:
    import git

_SYMLINK_MODE = 0o120000
CHUNK = 1024 * 1024


@dataclass(slots=True)
class TreeListing:
    """What ``code_text/`` holds in one commit: each file's blob id, before reading any."""

    revision: Revision
    blobs: dict[str, str]
    """Repository-relative path → blob id (equal ids mean equal content)."""
    problems: list[Diagnostic] = field(default_factory=list)


_RESOLVES = re.compile(
    r"^Resolves-comment:[ \t]*([a-z0-9][a-z0-9-]{0,63}/\d{1,6})[ \t]*$", re.MULTILINE | re.IGNORECASE
)


class GitStore:
    """One repository, opened once: resolve revisions, list trees, read chosen blobs."""

    def __init__(self, root: Path) -> None:
        import git  # heavy: imported only when a revision is asked for

        self._git = git
        self.root = root
        try:
            self.repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
            raise RevisionError(msg("{path} is not inside a Git repository", path=str(root))) from error
        prefix = Path(root).resolve().relative_to(Path(self.repo.working_tree_dir or root).resolve()).as_posix()
        self.code_path = CODE_DIR if prefix in ("", ".") else f"{prefix}/{CODE_DIR}"

    def __enter__(self) -> GitStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.repo.close()

    def commit(self, rev: str) -> git.Commit:
        try:
            commit = self.repo.commit(rev)
            commit.tree  # noqa: B018 (a shallow clone names parents it does not have: read one now)
        except ValueError as error:  # the name resolved, the object is not here
            raise RevisionError(
                msg("revision {revision} is not in this clone{hint}", revision=repr(rev), hint=self._shallow_hint())
            ) from error
        except (self._git.BadName, self._git.BadObject) as error:
            relative = "~" in rev or "^" in rev
            raise RevisionError(
                msg(
                    "unknown revision {revision}{hint}",
                    revision=repr(rev),
                    hint=self._shallow_hint() if relative else "",
                )
            ) from error
        return commit

    def _repository_path(self, path: str) -> str:
        """A snapshot path (``code_text/…``) as the repository names it."""
        return self.code_path + path[len(CODE_DIR) :]

    def line_commits(self, rev: str, path: str) -> list[str]:
        """For each line of ``path`` at ``rev``, the commit that wrote it (``git blame``)."""
        shas: list[str] = []
        blamed: Any = self.repo.blame(self.commit(rev).hexsha, self._repository_path(path)) or ()
        for commit, lines in blamed:
            shas += [commit.hexsha] * len(lines)
        return shas

    def versions(self, rev: str, folder: str) -> dict[str, int]:
        """How many commits of ``rev``'s history changed each file under ``folder`` (snapshot
        paths), merges counted against each parent: one ``git log`` for the whole folder."""
        strip = len(self.code_path) - len(CODE_DIR)
        logged = self.repo.git.log(
            self.commit(rev).hexsha,
            "-m",
            "--no-renames",
            "--format=",
            "--name-only",
            "--",
            self._repository_path(folder),
        )
        counts: dict[str, int] = defaultdict(int)
        for line in str(logged).splitlines():
            if line:
                counts[line[strip:]] += 1
        return dict(counts)

    def file_at(self, sha: str, path: str) -> bytes | None:
        """``path`` as commit ``sha`` has it; None where it did not exist yet."""
        try:
            blob = self.repo.commit(sha).tree / self._repository_path(path)
        except KeyError:
            return None
        data: bytes = blob.data_stream.read()
        return data

    def merge_base(self, base: str, head: str) -> str:
        """The commit a pull request from ``head`` into ``base`` would be compared with."""
        base_commit, head_commit = self.commit(base), self.commit(head)
        try:
            bases = self.repo.merge_base(base_commit, head_commit)
        except self._git.GitCommandError as error:
            raise RevisionError(
                msg(
                    "no merge-base of {base} and {head}{hint}",
                    base=repr(base),
                    head=repr(head),
                    hint=self._shallow_hint(),
                )
            ) from error
        if not bases:
            hint = self._shallow_hint() or msg(" (use --no-merge-base)")
            raise RevisionError(
                msg("{base} and {head} have no common history{hint}", base=repr(base), head=repr(head), hint=hint)
            )
        return str(bases[0].hexsha)

    def resolved_comments(self, base: str, head: str) -> frozenset[str]:
        """Comment ids that ``Resolves-comment: ROUND/N`` trailers name in the commits from
        ``base`` (excluded) to ``head``; the first thousand commits are read."""
        found: set[str] = set()
        commits = self.repo.iter_commits(f"{self.commit(base).hexsha}..{self.commit(head).hexsha}", max_count=1000)
        for commit in commits:
            message = commit.message if isinstance(commit.message, str) else commit.message.decode("utf-8", "replace")
            found.update(match.group(1).lower() for match in _RESOLVES.finditer(message))
        return frozenset(found)

    def _shallow_hint(self) -> Message | str:
        """What to do when the history needed is not in this clone (said after the problem)."""
        shallow = self.repo.git.rev_parse("--is-shallow-repository").strip() == "true"
        if not shallow:
            return ""
        return msg(
            ": this clone is shallow and lacks the history; fetch it with `git fetch --unshallow` "
            "(in GitHub Actions: `fetch-depth: 0` for actions/checkout)"
        )

    def listing(self, rev: str) -> TreeListing:
        commit = self.commit(rev)
        try:
            tree = commit.tree / self.code_path
        except KeyError as error:
            raise CodeNotFoundError(
                msg("revision {revision} has no {folder}/", revision=repr(rev), folder=CODE_DIR)
            ) from error
        if tree.type != "tree":
            raise CodeNotFoundError(
                msg("{folder} in revision {revision} is not a directory", folder=CODE_DIR, revision=repr(rev))
            )
        revision = Revision(
            hexsha=commit.hexsha,
            committed=commit.committed_datetime,
            author=str(commit.author.name or ""),
            summary=str(commit.summary),
        )
        listing = TreeListing(revision, {})
        strip = len(self.code_path) - len(CODE_DIR)
        for item in tree.traverse():
            assert isinstance(item, (self._git.Blob, self._git.Tree, self._git.Submodule))
            path = str(item.path)[strip:]
            if item.type == "tree":
                continue
            if item.type != "blob":
                listing.problems.append(
                    rule("F003").at(SourceLocation(path), msg("a submodule; kodeks reads only regular files"))
                )
            elif item.mode == _SYMLINK_MODE:
                message = msg("a symlink; kodeks reads only regular files and never follows links")
                listing.problems.append(rule("F003").at(SourceLocation(path), message))
            else:
                listing.blobs[path] = item.hexsha
        return listing

    def snapshot(self, listing: TreeListing, skip: Collection[str] = (), defer: bool = False) -> Snapshot:
        """The listed files' contents, except the paths in ``skip`` (left unread, known to exist);
        with ``defer``, article files are only listed, to be read through the snapshot when no
        cached parse answers for them (see :meth:`Snapshot.read`)."""
        snapshot = Snapshot(files={}, problems=list(listing.problems), revision=listing.revision)
        snapshot.unread = frozenset(path for path in listing.blobs if path in skip)
        wanted = {path: sha for path, sha in listing.blobs.items() if path not in skip}
        if defer:
            snapshot.deferred = {path: sha for path, sha in wanted.items() if path.endswith(".md")}
            snapshot.reader = partial(_read_files, self.root)
            wanted = {path: sha for path, sha in wanted.items() if path not in snapshot.deferred}
        files, problems = self.read_files(wanted)
        snapshot.files = dict(sorted(files.items()))
        snapshot.problems += problems
        return snapshot

    def read_files(self, wanted: dict[str, str]) -> tuple[dict[str, bytes], list[Diagnostic]]:
        """The contents of files by their blob ids (path → id), and a problem for each too large."""
        paths: dict[str, list[str]] = defaultdict(list)
        for path, hexsha in wanted.items():
            paths[hexsha].append(path)
        files: dict[str, bytes] = {}
        problems: list[Diagnostic] = []
        for hexsha, size, data in self._read_blobs(list(paths)):
            for path in paths[hexsha]:
                if data is None:
                    message = msg(
                        "file is {size} bytes; the limit is {limit} (1 MiB)",
                        size=format(size, ","),
                        limit=format(MAX_FILE_SIZE, ","),
                    )
                    problems.append(rule("F002").at(SourceLocation(path), message))
                else:
                    files[path] = data
        return files, problems

    def _read_blobs(self, hexshas: list[str]) -> Iterator[tuple[str, int, bytes | None]]:
        """Contents of many blobs through one ``git cat-file --batch``, pipelined; None when too large.

        Asking GitPython for one blob at a time costs a round trip each: about a millisecond per
        article, seconds for a large Code.
        """
        if not hexshas:
            return
        process = self.repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
        stdin, stdout = process.proc.stdin, process.proc.stdout

        def feed() -> None:
            stdin.write("".join(f"{sha}\n" for sha in hexshas).encode())
            stdin.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            for _ in hexshas:
                header = stdout.readline().split()
                size = int(header[2])
                if size <= MAX_FILE_SIZE:
                    data: bytes | None = stdout.read(size)
                else:  # a 3 GiB blob in a pull request is skipped through, never held
                    data = None
                    for _ in range(size // CHUNK):
                        stdout.read(CHUNK)
                    stdout.read(size % CHUNK)
                stdout.read(1)  # the newline after each object
                yield header[0].decode(), size, data
        finally:
            writer.join()
            process.wait()


def _read_files(root: Path, wanted: dict[str, str]) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """A deferred snapshot's reader: blobs are immutable, so any later opening of the
    repository reads the same contents."""
    with GitStore(root) as store:
        return store.read_files(wanted)


def read_revision(root: Path, rev: str) -> Snapshot:
    """Every file under ``code_text/`` in commit ``rev`` of the repository at ``root``."""
    with GitStore(root) as store:
        return store.snapshot(store.listing(rev))


def committed_revision(root: Path, snapshot: Snapshot) -> Revision | None:
    """HEAD's revision when the working tree's Code is exactly what HEAD holds (a clean clone):
    then a document built from it names that commit, not an uncommitted working tree."""
    try:
        with GitStore(root) as store:
            listing = store.listing("HEAD")
    except (RevisionError, CodeNotFoundError):
        return None
    if snapshot.problems or listing.problems or set(listing.blobs) != set(snapshot.files):
        return None
    if any(blob_id(data) != listing.blobs[path] for path, data in snapshot.files.items()):
        return None
    return listing.revision


def tags(root: Path, rev: str) -> list[str]:
    """The tags of the history of ``rev``, oldest commit first (the draft's stages: «submitted-1»,
    «v1.0»): a text published from an earlier revision never lists the stages after it."""
    if rev.startswith("-"):
        return []  # never an option to git
    listed = subprocess.run(
        [
            "git",
            "for-each-ref",
            "--sort=committerdate",
            "--sort=creatordate",
            f"--merged={rev}",
            "--format=%(refname:short)",
            "refs/tags",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in listed.stdout.splitlines() if line and not line.startswith("-")]


def depth(root: Path, rev: str) -> int:
    """How many commits the history of ``rev`` holds: a later stage holds more than the stages
    before it, however close their clocks (0 for what is not a revision here)."""
    if rev.startswith("-"):
        return 0
    counted = subprocess.run(
        ["git", "rev-list", "--count", rev, "--"], cwd=root, capture_output=True, text=True, check=False
    )
    return int(counted.stdout.strip()) if counted.returncode == 0 and counted.stdout.strip().isdigit() else 0


_TAG_LABEL = re.compile(r"(?m)^(ky|ru|en):[ \t]*(\S[^\n]{0,199})$")


def tag_labels(root: Path, rev: str) -> dict[str, dict[str, str]]:
    """What annotated tags in the history of ``rev`` call their stage, per language, from lines of
    their message such as ``ky: Биринчи окуу`` and ``ru: Первое чтение`` (a lightweight tag, or
    one without such lines, says nothing)."""
    if rev.startswith("-"):
        return {}
    listed = subprocess.run(
        [
            "git",
            "for-each-ref",
            f"--merged={rev}",
            "--format=%(refname:short)%00%(objecttype)%00%(contents)%1e",
            "refs/tags",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    labels: dict[str, dict[str, str]] = {}
    for record in listed.stdout.split("\x1e"):
        name, _, rest = record.strip("\n").partition("\x00")
        kind, _, message = rest.partition("\x00")
        if kind == "tag":
            found = {language: said.strip() for language, said in _TAG_LABEL.findall(message)}
            if found:
                labels[name] = found
    return labels


def tracks_any(root: Path, folder: Path) -> bool:
    """Whether Git tracks a file under ``folder`` (an output folder kodeks would clear)."""
    try:
        relative = folder.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False  # outside the repository: Git tracks nothing there
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", relative.as_posix() or "."], cwd=root, capture_output=True, check=False
    )
    return bool(listed.stdout)


def has_revision(root: Path, rev: str) -> bool:
    """Whether ``rev`` (a tag, branch or commit) names a commit of this repository."""
    if not rev or rev.startswith("-"):
        return False  # never an option to git
    return _has_commit(root, rev)


def _has_commit(root: Path, sha: str) -> bool:
    return (
        subprocess.run(
            ["git", "cat-file", "-e", f"{sha}^{{commit}}"], cwd=root, capture_output=True, check=False
        ).returncode
        == 0
    )
