"""The workflows follow GitHub's hardening rules; zizmor (offline) finds nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(path: Path) -> dict[str, Any]:
    document: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["on"] = document.pop(True, document.get("on"))  # YAML 1.1 reads `on:` as true
    return document


def steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in document["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_kodeks_command_a_workflow_runs_exists_with_its_options(path: Path) -> None:
    """A workflow calling a command or option the toolkit no longer has would fail only on GitHub."""
    from .conftest import kodeks

    for step in steps(load(path)):
        for line in step.get("run", "").splitlines():
            for call in re.findall(r"kodeks ((?:[a-z]+ ?)+)((?:--?[a-z-]+[ =]?\S* ?)*)", line):
                words = call[0].split()
                help_result = kodeks(*words, "--help")
                assert help_result.exit_code == 0, (path.name, line)
                for option in re.findall(r"(?<!\S)(--?[a-z][a-z-]*)", call[1]):
                    assert option in help_result.stdout, (path.name, line, option)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commit_shas(path: Path) -> None:
    for step in steps(load(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_script(path: Path) -> None:
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_minimal_and_checkouts_keep_no_credentials(path: Path) -> None:
    document = load(path)
    assert "permissions" in document
    assert "pull_request_target" not in document["on"]
    for job in document["jobs"].values():
        granted = {**(document["permissions"] or {}), **job.get("permissions", {})}
        assert all(
            level in ("read", "none")
            for scope, level in granted.items()
            if scope not in ("pull-requests", "pages", "id-token")
        ), granted
    for step in steps(document):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_only_the_comment_workflow_may_write_and_it_trusts_nothing_from_the_pull_request() -> None:
    comment = load(ROOT / ".github/workflows/redline-comment.yml")
    assert list(comment["on"]) == ["workflow_run"] and comment["permissions"] == {}
    assert "workflow_run.head_branch" in comment["concurrency"]["group"]
    job = comment["jobs"]["comment"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    uses = [step.get("uses", "").partition("@")[0] for step in job["steps"]]
    assert "actions/download-artifact" not in uses  # nothing the pull request's run produced
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert "ref" not in checkout["with"]  # the default branch, never the PR head
    installs = [step["run"] for step in job["steps"] if "pip install" in step.get("run", "")]
    assert installs and all("--require-hashes" in run for run in installs)
    redline = load(ROOT / ".github/workflows/redline.yml")
    assert redline["permissions"] == {"contents": "read"} and list(redline["on"]) == ["pull_request"]


def test_the_comment_jobs_lock_file_pins_every_runtime_dependency_with_hashes() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = (ROOT / "tooling/requirements/comment.txt").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^([a-z0-9-]+)==(\S+) \\$", lock, re.MULTILINE))
    for requirement in project["dependencies"] + project["optional-dependencies"]["github"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement)[0].lower().replace("_", "-")  # type: ignore[index]
        assert name in pinned, name
    hashed = re.findall(r"^[a-z0-9-]+==\S+(?: \\\n +--hash=sha256:[0-9a-f]{64})+$", lock, re.MULTILINE)
    assert len(hashed) == len(pinned)  # every pin carries its hashes


ZIZMOR = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")


@pytest.mark.skipif(ZIZMOR is None, reason="zizmor is installed with the test extra")
def test_zizmor_finds_nothing() -> None:
    assert ZIZMOR is not None
    result = subprocess.run(
        [ZIZMOR, "--offline", "--no-progress", str(ROOT / ".github" / "workflows")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_the_pre_commit_hook_stops_a_commit_that_breaks_the_code(code_dir: Any) -> None:
    from .conftest import BASE_FILES, A, kodeks

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook["files"])
    assert files.search(A + "kenesh.md") and files.search("code_text/code.yaml")
    assert not files.search("tooling/kodeks/cli/__init__.py") and not hook["pass_filenames"]
    program, *arguments = hook["entry"].split()
    assert program == "kodeks"
    root = code_dir({A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 7")})
    assert kodeks(*arguments, "--root", str(root)).exit_code == 1  # the commit stops
    assert kodeks(*arguments, "--root", str(code_dir())).exit_code == 0
