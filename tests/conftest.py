"""Shared fixtures: the spaCy pipeline is loaded once per test session."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))  # helper modules such as warcfile.py


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline (the same one `detente analyze` uses)."""
    from detente.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def detente_cmd():
    """argv prefix that runs the installed CLI in a subprocess."""
    return [sys.executable, "-m", "detente"]


@pytest.fixture()
def cli_env(tmp_path):
    env = dict(os.environ)
    env["COLUMNS"] = "120"
    env["HOME"] = str(tmp_path)
    return env
