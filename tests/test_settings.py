"""Settings: declared once, every one documented, overridable from a TOML file."""
from __future__ import annotations

import pytest

from detente.errors import DetenteError
from detente.settings import Settings, load_settings, parse_size


def test_settings_defaults_file_round_trips(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(Settings.defaults_toml(), encoding="utf-8")
    assert load_settings(path) == Settings()


def test_settings_user_file_overrides_key_by_key(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[detente]\nmax_bytes = "5MB"\nlanguages = ["en", "de"]\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.max_bytes == 5_000_000 and settings.languages == ("en", "de")
    assert settings.batch_size == Settings().batch_size


def test_settings_unknown_key_names_file_and_valid_keys(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("max_byte = 10\n", encoding="utf-8")
    with pytest.raises(DetenteError) as info:
        load_settings(path)
    assert "max_byte" in info.value.message and str(path) in info.value.message
    assert "max_bytes" in info.value.fix


def test_settings_every_setting_has_help():
    for name, _default, help_text in Settings.describe():
        assert len(help_text) > 20, name


@pytest.mark.parametrize("text,expected", [("20MB", 20_000_000), ("512kB", 512_000), ("0.6kB", 600),
                                           ("1000", 1000), ("1MiB", 1_048_576)])
def test_parse_size_units(text, expected):
    assert parse_size(text) == expected


def test_parse_size_rejects_nonsense_with_fix():
    with pytest.raises(DetenteError) as info:
        parse_size("lots")
    assert "20MB" in info.value.fix
