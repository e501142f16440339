"""Writes the hostile seed corpus in this folder. Run once; the files are committed.

Each file is named for what it tests; ``expected.yaml`` says what the builder must do
with it. Bytes matter here (encodings, BOMs, line endings), so the files are made by
code rather than typed by hand.
"""

from __future__ import annotations

import codecs
import contextlib
import importlib.util
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).parent / "seeds"

BASE = (
    "{name} was born in Lyon and trained at the Paris Opera Ballet School. "
    "She joined the Paris Opera Ballet in 2010 and was named étoile in 2016.\n\n"
    "Her signature role is Giselle, which she first danced in 2015.\n"
)


def story(name: str, extra: str = "") -> str:
    return BASE.format(name=name) + extra


def plain_story(name: str, extra: str = "") -> str:
    """The story without ``étoile``, for codecs that have no ``é`` (KOI8-R)."""
    return story(name, extra).replace("étoile", "principal")


# Bytes that no candidate codec reads as words: what a corrupted or binary-ish file holds.
IMPLAUSIBLE = bytes(range(0x80, 0x100)).replace(b"\xa0", b"")


# Shapes that once made reading superlinear (issue 10): small here, 1 MB in `make bench`.
SLOW_SHAPES = {
    "slow_no_full_stops.txt": "no full stops",
    "slow_one_endless_line.txt": "one endless line",
    "slow_capitalised_words.txt": "capitalised words, one line",
    "slow_company_repeated.txt": "a company name with commas",
    "slow_quotation_marks.txt": "quoted words",
    "slow_only_digits.txt": "only digits",
    "slow_abbreviations.txt": "abbreviations",
    "slow_membership_cues.txt": "membership cues",
    "slow_origin_cues.txt": "origin cues",
}
SLOW_SIZE = 50_000


def slow_shapes() -> dict[str, bytes]:
    """The shapes of bench/shapes.py at :data:`SLOW_SIZE` bytes each."""
    path = Path(__file__).resolve().parents[2] / "bench" / "shapes.py"
    spec = importlib.util.spec_from_file_location("shapes", path)
    assert spec is not None and spec.loader is not None
    shapes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shapes)
    texts = shapes.shape_texts(SLOW_SIZE)
    return {name: texts[shape].encode() for name, shape in SLOW_SHAPES.items()}


def main() -> None:
    HERE.mkdir(exist_ok=True)
    files: dict[str, bytes] = {
        # Encodings
        "enc_utf8_bom.txt": codecs.BOM_UTF8 + story("Amélie Durand").encode(),
        "enc_utf16le_bom.txt": codecs.BOM_UTF16_LE + story("Béatrice Lenoir").encode("utf-16-le"),
        "enc_utf16be_bom.txt": codecs.BOM_UTF16_BE + story("Cécile Moreau").encode("utf-16-be"),
        "enc_cp1252.txt": story(
            "Delphine Rousseau", "She said: “I dance for my grandmother.” Merci, café.\n"
        ).encode("cp1252"),
        "enc_crlf.txt": story("Élodie Garnier").replace("\n", "\r\n").encode(),
        "enc_lone_cr.txt": story("Florence Petit").replace("\n", "\r").encode(),
        "enc_mojibake.txt": story(
            "HÃ©lÃ¨ne Faure", "She said: â€œI’m home.â€\x9d Itâ€™s true.\n"
        ).encode(),
        "enc_double_encoded.txt": story("Ingrid SÃƒÂ¸rensen").encode(),
        "enc_utf8_looks_cyrillic.txt": story("Joëlle Ðîâà").encode(),
        # Legacy codecs without a BOM: the decoder must pick the one the author used
        "enc_cp1250_czech.txt": story(
            "Tereza Dvořáková", "Her teacher was Šárka Kučerová, from Třebíč.\n"
        ).encode("cp1250"),
        "enc_iso8859_2_polish.txt": story(
            "Łucja Wójcik", "Her teacher was Agnieszka Dąbrowska, from Częstochowa.\n"
        ).encode("iso8859-2"),
        "enc_mac_roman_french.txt": story(
            "Zoë Lefèvre", "She said: “I’m home — in Besançon.”\n"
        ).encode("mac-roman"),
        "enc_koi8r_cyrillic.txt": plain_story(
            "Наталья Воронцова", "Her teacher was Екатерина Щербакова.\n"
        ).encode("koi8-r"),
        "enc_utf16le_no_bom.txt": story("Danièle Roux").encode("utf-16-le"),
        "enc_utf16be_no_bom.txt": story("Éliane Brun").encode("utf-16-be"),
        "enc_implausible_bytes.txt": story("Greta Holm").encode() + IMPLAUSIBLE + b"\n",
        # Not stories
        "not_empty.txt": b"",
        "not_whitespace.txt": b"  \n\t\n   \r\n",
        "not_binary_nul.txt": b"Some text\x00\x00\x01\x02 with NULs\n",
        "not_png_renamed.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        "notes.md": b"# Editor's notes: not a seed, ignored\n",
        "cover.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        ".#lockfile.txt": b"an editor's lock file, ignored\n",
        "backup.txt~": b"an editor's backup, ignored\n",
        ".hidden.txt": b"a hidden file, ignored\n",
        # Markup in prose: all of it must be shown as text
        "markup_html.txt": story(
            "Karin Holm",
            "Critics wrote <script>window.__pwned = 1; alert('xss')</script> and "
            '<img src=x onerror="window.__pwned = 2"> and <b>bold</b> things.\n\n'
            '<iframe src="javascript:window.__pwned=3"></iframe>'
            '<a href="javascript:window.__pwned=4">click me</a>\n',
        ).encode(),
        "markup_markdown.txt": story(
            "Laura Lind",
            "# Not a heading\n\n* not a list\n_not emphasis_ and `not code`\n\n"
            "[click](javascript:window.__pwned=5) and ![img](data:text/html,<script>1</script>)\n"
            "<!-- a comment that must stay visible -->\n\n"
            "    indented, not a code block\n\n| not | a table |\n",
        ).encode(),
        "markup_template.txt": story(
            "Maja Berg", "She wrote {{ config.site_name }} and {% include 'x' %} on the wall.\n"
        ).encode(),
        "markup_yaml_first.txt": (
            "---\ntitle: Injected\nhide: [navigation]\n---\n" + story("Nora Sund")
        ).encode(),
        "markup_key_value_first.txt": ("Title: Not metadata\n\n" + story("Olga Dahl")).encode(),
        # Names and paths
        "name_cyrillic.txt": story("Анна Павлова").encode(),
        "name_greek.txt": story("Μαρία Παπαδοπούλου").encode(),
        "name_cjk.txt": story("松山樹子").encode(),
        "name_arabic.txt": story("فاطمة الزهراء").encode(),
        "name_bidi_zero_width.txt": story("Pe\u200btra \u202eNovak\u202c").encode(),
        "name_duplicate_a.txt": story("Rosa Vidal").encode(),
        "name_duplicate_b.txt": story("Rosa Vidal", "Another Rosa Vidal entirely.\n").encode(),
        "file name with spaces.txt": story("Sara Lund").encode(),
        "fichier-été.txt": story("Thérèse Marchal").encode(),
        "dots..in..name.txt": story("Ulla Storm").encode(),
        # Sidecars
        "sidecar_malformed.txt": story("Vera Kask").encode(),
        "sidecar_malformed.yaml": b"company: [unclosed\nname: Vera\n",
        "sidecar_unsafe.txt": story("Wilma Oja").encode(),
        "sidecar_unsafe.yaml": b"name: !!python/object/apply:os.system ['echo owned']\n",
        "sidecar_unknown_key.txt": story("Xenia Rand").encode(),
        "sidecar_unknown_key.yaml": b"name: Xenia Rand\ncompnay: Paris Opera Ballet\n",
        "sidecar_wrong_type.txt": story("Yvonne Laur").encode(),
        "sidecar_wrong_type.yaml": b"ballets: Giselle\n",
        "sidecar_good.txt": story("Zoé Marin").encode(),
        "sidecar_good.yaml": "company: Opéra de Lyon Ballet\nslug: zoe-marin-lyon\n".encode(),
    }
    files.update(slow_shapes())
    for name, data in files.items():
        (HERE / name).write_bytes(data)


SECRET = "SECRET-b6f1c0de-never-published"
"""In files outside the seeds folder that links point to: it must never reach docs/."""


@contextlib.contextmanager
def special_files(seeds: Path, outside: Path) -> Iterator[None]:
    """Add to ``seeds`` what git cannot hold, or would point elsewhere on every machine:
    links (out of the folder, inside it, dangling), a named pipe, a socket and a folder
    named like a seed. Made at test time; ``expected.yaml`` lists them too.

    A thread waits to write into the pipe: if a build ever opened it for reading, it
    would read the secret (and fail the test) instead of hanging the test run.
    """
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_text(story("Quilla Secret", f"{SECRET}\n"), encoding="utf-8")
    (outside / "secret.yaml").write_text(f"name: {SECRET}\n", encoding="utf-8")
    (seeds / "link_outside.txt").symlink_to(secret)
    (seeds / "link_inside.txt").symlink_to("enc_crlf.txt")
    (seeds / "link_dangling.txt").symlink_to("no-such-story.txt")
    (seeds / "link_sidecar.txt").write_text(story("Gunnel Ask"), encoding="utf-8")
    (seeds / "link_sidecar.yaml").symlink_to(outside / "secret.yaml")
    folder = seeds / "special_folder.txt"
    folder.mkdir()
    (folder / "inside.txt").write_text(story("Hedda Inside", SECRET), encoding="utf-8")
    pipe = seeds / "special_fifo.txt"
    os.mkfifo(pipe)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(seeds / "special_socket.txt"))

    def feed_the_pipe() -> None:
        with contextlib.suppress(OSError), open(pipe, "wb") as writer:
            writer.write(story("Pia Pipe", SECRET).encode())

    feeder = threading.Thread(target=feed_the_pipe, daemon=True)
    feeder.start()
    try:
        yield
    finally:
        listener.close()
        with contextlib.suppress(OSError):  # release the feeder if nobody opened the pipe
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        feeder.join(5)


if __name__ == "__main__":
    main()
