"""``anthology``: build the pages, print the metadata, or check the seeds.

Exit status: 0 all seeds fine (warnings allowed); 1 some seeds had errors (every other
seed was still built); 2 bad usage (argparse).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder import __version__
from builder.errors import Problem
from builder.model import Story
from builder.pipeline import build, read_corpus
from builder.site.feeds import FeedSite, feed_site

EXIT_OK, EXIT_SEED_ERRORS = 0, 1
SEEDS_HELP = "folder of seed stories, *.txt with optional <stem>.yaml sidecars (default: seeds)"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="anthology",
        description="Turn plain-text stories about ballet dancers (seeds/*.txt) into "
        "annotated Markdown pages that MkDocs renders as The Dancer Anthology.",
        epilog="Exit status: 0 success (warnings allowed), 1 some seeds had errors "
        "(the others were still built), 2 bad usage. `mkdocs serve` and `mkdocs build` "
        "run `anthology build` by themselves through the anthology plugin in mkdocs.yml.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    build = _command(
        commands,
        "build",
        _build,
        help="write the Markdown pages under docs/ from the seeds",
        description="Read every seed, extract its metadata and write the dancer pages "
        "and the company, ballet and origin index pages into their own folders under "
        "DOCS. Only changed files are written; pages written by hand are never touched.",
    )
    build.add_argument(
        "--docs",
        type=Path,
        default=Path("docs"),
        help="MkDocs docs folder to write into (default: docs)",
    )
    build.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="MkDocs config whose site_url and site_name the Atom feeds link to "
        "(default: mkdocs.yml; with no site_url there, no feeds are written)",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    _command(
        commands,
        "metadata",
        _metadata,
        help="print every seed's metadata as a JSON list",
        description="Print a JSON list with one record per readable seed: name, slug, "
        "origin, company, companies, signature_role, ballets, schools, people, words, "
        "reading_minutes, source and evidence. Problems go to stderr.",
    )
    _command(
        commands,
        "check",
        _check,
        help="validate every seed and sidecar; list problems with file and line",
        description="Read every seed and sidecar without writing anything; print each "
        "problem as FILE:LINE: severity: message, and exit 1 if any is an error.",
    )
    return parser


def _command(
    commands: Any, name: str, run: Callable[[argparse.Namespace], int], **texts: str
) -> argparse.ArgumentParser:
    """A subcommand reading the seeds folder (every command does), run by ``run``."""
    cmd = commands.add_parser(name, **texts)
    cmd.add_argument("--seeds", type=Path, default=Path("seeds"), help=SEEDS_HELP)
    cmd.set_defaults(run=run)
    return cmd


def _report(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == "error")
    return EXIT_SEED_ERRORS if errors else EXIT_OK


def _progress(message: str) -> None:
    print(f"anthology: {message}", file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    report = build(
        args.seeds,
        args.docs,
        progress=None if args.quiet else _progress,
        site=_feed_site(args.config),
    )
    status = _report(report.problems)
    if not args.quiet:
        print(
            f"anthology: {report.stories} stories; {len(report.written)} pages "
            f"written, {len(report.unchanged)} unchanged, {len(report.deleted)} deleted; "
            f"{len(report.errors)} errors",
            file=sys.stderr,
        )
    return status


def _feed_site(config: Path) -> FeedSite | None:
    """The feeds' site address and name, as mkdocs.yml sets them (its other keys, and
    its ``!!python/...`` tags, are not needed here)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        settings = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(settings, dict):
        return None
    url, name = settings.get("site_url"), settings.get("site_name")
    return feed_site(url if isinstance(url, str) else None, name if isinstance(name, str) else None)


def _metadata(args: argparse.Namespace) -> int:
    corpus = read_corpus(args.seeds)
    records = [story_record(s) for s in sorted(corpus.stories, key=lambda s: s.source)]
    json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return _report(corpus.problems)


def _check(args: argparse.Namespace) -> int:
    corpus = read_corpus(args.seeds)
    status = _report(corpus.problems)
    print(
        f"anthology: checked {len(corpus.stories) + len(corpus.errors)} seeds: "
        f"{len(corpus.errors)} errors, {len(corpus.problems) - len(corpus.errors)} warnings",
        file=sys.stderr,
    )
    return status


def story_record(story: Story) -> dict[str, Any]:
    """The JSON record of one story: the dancer page's front matter, source first."""
    from builder.site.markup import dancer_front_matter  # not needed by `build`'s no-op path

    fields = dancer_front_matter(story)
    del fields["title"], fields["description"]
    return {"source": fields.pop("source"), **fields}


if __name__ == "__main__":
    sys.exit(main())
