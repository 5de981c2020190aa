"""The docs keep up with the code: every command is in the README, every data file says what it is."""
from __future__ import annotations

import re
from pathlib import Path

import typer

from detente.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_mentions_every_command():
    commands = typer.main.get_command(app).commands
    missing = [name for name in commands if f"detente {name}" not in README and f"`{name}`" not in README]
    assert not missing, f"README.md does not mention: {', '.join(missing)}"


def test_readme_quick_start_is_the_two_make_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make \w+)", quick, flags=re.M)
    assert commands == ["make demo", "make test"]


def test_readme_has_no_unfilled_placeholders():
    assert not re.search(r"\b[A-Z]+_EXAMPLE\b", README)


def test_readme_images_exist():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / path).is_file(), path
