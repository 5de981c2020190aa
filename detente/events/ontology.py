"""The PLOVER ontology as data: types, CAMEO roots, QuadClass, modes and intensity.

reads: events/data/ontology.yaml (once per process)      fills: Ontology (validated)
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import DetenteError
from ._yaml import load_strict

__all__ = ["PLOVER_TYPES", "MODES", "EventType", "Ontology", "load_ontology"]

DATA = Path(__file__).parent / "data"

# PLOVER's 16 types in its own order (verbal coop, material coop, verbal conflict, material conflict).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = ("asserted", "promised", "intended", "hypothetical", "negated", "reported", "historical")


@dataclass(frozen=True)
class EventType:
    name: str
    cameo_root: str
    cameo_codes: tuple[str, ...]
    quad_class: int
    intensity: float
    """Weight of the asserted event on the [-10, +10] scale."""
    promised_as: str
    negated_as: str | None
    intensity_by_mode: dict[str, float]
    description: str


@dataclass(frozen=True)
class Ontology:
    version: str
    types: dict[str, EventType]
    mode_weights: dict[str, float]
    historical_after_years: int

    def intensity(self, type_name: str, mode: str) -> float:
        """Intensity of a ``type_name`` event in ``mode`` (the rule is documented in ontology.yaml)."""
        et = self.types[type_name]
        if mode in et.intensity_by_mode:
            return et.intensity_by_mode[mode]
        return round(et.intensity * self.mode_weights[mode], 1)


def _fail(path: Path, line: int, what: str, fix: str) -> DetenteError:
    return DetenteError("E410", f"{path}, line {line}: {what}", fix)


def _validate(path: Path, data: dict) -> Ontology:
    lines = data.get("__lines__", {})
    for key in ("version", "modes", "types", "historical_after_years"):
        if key not in data:
            raise _fail(path, 1, f"missing top-level key {key!r}", "see the comment block at the top of the file")
    modes = {k: v for k, v in data["modes"].items() if k != "__lines__"}
    if set(modes) != set(MODES):
        raise _fail(path, lines.get("modes", 1), f"modes must be exactly {', '.join(MODES)}; got {', '.join(modes)}",
                    "add the missing modes or remove the unknown ones")
    for name, weight in modes.items():
        if not isinstance(weight, (int, float)) or not 0.0 <= weight <= 1.0:
            raise _fail(path, data["modes"]["__lines__"][name], f"mode weight of {name} must be in [0, 1]",
                        "write a number between 0 and 1")
    types_raw = {k: v for k, v in data["types"].items() if k != "__lines__"}
    tlines = data["types"].get("__lines__", {})
    if set(types_raw) != set(PLOVER_TYPES):
        missing = sorted(set(PLOVER_TYPES) - set(types_raw))
        extra = sorted(set(types_raw) - set(PLOVER_TYPES))
        raise _fail(path, lines.get("types", 1), f"types must be PLOVER's 16 (missing {missing}, unknown {extra})",
                    "valid types: " + ", ".join(PLOVER_TYPES))
    types: dict[str, EventType] = {}
    for name in PLOVER_TYPES:
        raw = types_raw[name]
        line = tlines.get(name, 1)
        if not raw or not isinstance(raw, dict):
            raise _fail(path, line, f"type {name} is empty", "give cameo_root, quad_class and intensity")
        root = str(raw.get("cameo_root", ""))
        if len(root) != 2 or not root.isdigit() or not 1 <= int(root) <= 20:
            raise _fail(path, line, f"type {name}: cameo_root {root!r} is not a CAMEO root 01-20", "write it as \"03\"")
        quad = raw.get("quad_class")
        if quad not in (1, 2, 3, 4):
            raise _fail(path, line, f"type {name}: quad_class must be 1, 2, 3 or 4", "see the comment block")
        intensity = raw.get("intensity")
        if not isinstance(intensity, (int, float)) or not -10 <= intensity <= 10:
            raise _fail(path, line, f"type {name}: intensity must be a number in [-10, 10]", "fix the value")
        for field_name in ("promised_as", "negated_as"):
            target = raw.get(field_name)
            if target is not None and target not in PLOVER_TYPES:
                raise _fail(path, line, f"type {name}: {field_name} {target!r} is not a PLOVER type",
                            "valid types: " + ", ".join(PLOVER_TYPES))
        by_mode = {k: v for k, v in (raw.get("intensity_by_mode") or {}).items() if k != "__lines__"}
        for mode, value in by_mode.items():
            if mode not in MODES or not isinstance(value, (int, float)) or not -10 <= value <= 10:
                raise _fail(path, line, f"type {name}: intensity_by_mode {mode}: {value!r} is invalid",
                            "a known mode and a number in [-10, 10]")
        types[name] = EventType(
            name=name, cameo_root=root, cameo_codes=tuple(str(c) for c in raw.get("cameo_codes") or (root,)),
            quad_class=quad, intensity=float(intensity), promised_as=str(raw.get("promised_as") or name),
            negated_as=str(raw["negated_as"]) if raw.get("negated_as") else None,
            intensity_by_mode={str(k): float(v) for k, v in by_mode.items()},
            description=str(raw.get("description") or ""))
    onto = Ontology(version=str(data["version"]), types=types, mode_weights={k: float(v) for k, v in modes.items()},
                    historical_after_years=int(data["historical_after_years"]))
    for name in PLOVER_TYPES:
        for mode in MODES:
            value = onto.intensity(name, mode)
            if not -10 <= value <= 10:
                raise _fail(path, tlines.get(name, 1), f"type {name} in mode {mode} gives intensity {value}",
                            "keep every type x mode value in [-10, 10]")
    return onto


@functools.lru_cache(maxsize=4)
def load_ontology(path: str | None = None) -> Ontology:
    """The validated ontology (cached: loaded once per process)."""
    p = Path(path) if path else DATA / "ontology.yaml"
    return _validate(p, load_strict(p))
