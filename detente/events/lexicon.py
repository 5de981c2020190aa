"""The trigger lexicon: compiled once per process into a lemma -> patterns index.

reads: events/data/lexicon.yaml      fills: Lexicon (validated; patterns by trigger lemma)
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DetenteError
from ._yaml import load_strict
from .ontology import MODES, PLOVER_TYPES

__all__ = ["Pattern", "Lexicon", "load_lexicon", "ROLE_NAMES"]

DATA = Path(__file__).parent / "data"
ROLE_NAMES = ("dobj", "dative", "xcomp", "ccomp", "comp", "poss", "between")
MIN_PATTERNS_PER_TYPE = 20
_WORD = re.compile(r"^[a-z][a-z'\-]*(\|[a-z][a-z'\-]*)*$")


@dataclass(frozen=True)
class Pattern:
    type: str
    trigger: str
    pos: str
    """``verb`` or ``noun``."""
    companions: tuple[frozenset[str], ...]
    roles: tuple[str, ...]
    mode: str | None
    frame: bool
    confidence: float
    line: int

    @property
    def consumes(self) -> bool:
        """Whether triggers inside this trigger's complement are part of this event."""
        return self.frame or any(r in ("xcomp", "ccomp", "comp") for r in self.roles)

    def __str__(self) -> str:
        return f"{self.type}:{self.trigger}" + "".join(" " + "|".join(sorted(c)) for c in self.companions)


@dataclass(frozen=True)
class Lexicon:
    version: str
    verbs: dict[str, tuple[Pattern, ...]]
    """Trigger lemma -> verb patterns, most specific (most companions) first."""
    nouns: dict[str, tuple[Pattern, ...]]
    frames: dict[str, str]
    """Lemma -> mode of the frames (decide -> intended, willing -> promised, ...)."""
    support_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    """Speech verbs denying their complement: an event reported under them is negated."""
    demand_modals: frozenset[str]
    object_frames: frozenset[str]
    """Frames whose direct object names an event of their subject ("prepared an offensive")."""
    occasion_nouns: frozenset[str]
    """Occasions that schedule a future act ("will meet him at the summit")."""
    stative_verbs: frozenset[str]
    """Verbs of position: in the narrative present ("Moscow objects to ...") a standing position."""
    partitive_nouns: frozenset[str]
    """Heads that measure an event named after "of" ("a round of talks", "part of an aid program")."""
    motion_verbs: frozenset[str]
    """Going somewhere for an event ("returned to Geneva for talks") is that event."""
    agent_nouns: frozenset[str]
    """Nouns for people or bodies acting for their possessor ("his spokeswoman", "their forces")."""
    proposal_nouns: frozenset[str]
    """Objects that make an ambiguous verb plain ("dismissed an appeal", "backed the plan")."""
    mutual_words: tuple[str, ...]
    """Words that make joint actors act on each other ("in a joint statement", "each other")."""

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every lemma the coder looks up (triggers, frames, support, speech and belief verbs)."""
        return frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.frames) | self.support_verbs | \
            self.speech_verbs | self.belief_verbs

    def count(self, type_name: str) -> int:
        return sum(1 for pats in (*self.verbs.values(), *self.nouns.values()) for p in pats if p.type == type_name)


def _err(path: Path, line: int, what: str, fix: str) -> DetenteError:
    return DetenteError("E420", f"{path}, line {line}: {what}", fix)


def _parse_pattern(path: Path, text, type_name: str, pos: str) -> Pattern:
    line = getattr(text, "line", 0)
    words = str(text).split()
    if not words:
        raise _err(path, line, "empty pattern", "write the trigger lemma first")
    trigger, companions, roles, mode, frame, conf = words[0], [], [], None, False, None
    if not _WORD.match(trigger) or "|" in trigger:
        raise _err(path, line, f"trigger {trigger!r} is not a lower-case lemma", "write one lemma, e.g. 'agree'")
    for w in words[1:]:
        if w.startswith("@"):
            for role in w[1:].split("|"):
                if not role or not (role in ROLE_NAMES or role.isalpha()):
                    raise _err(path, line, f"role {role!r} is not valid",
                               "roles: " + ", ".join(ROLE_NAMES) + " or a preposition")
                roles.append(role)
        elif w.startswith("!"):
            mode = w[1:]
            if mode not in MODES:
                raise _err(path, line, f"mode {mode!r} is not known", "modes: " + ", ".join(MODES))
        elif w == "+frame":
            frame = True
        elif w.startswith("^"):
            try:
                conf = float(w[1:])
            except ValueError:
                conf = -1.0
            if not 0.0 < conf <= 1.0:
                raise _err(path, line, f"confidence {w[1:]!r} must be in (0, 1]", "write e.g. ^0.7")
        elif _WORD.match(w):
            companions.append(frozenset(w.split("|")))
        else:
            raise _err(path, line, f"cannot read {w!r}", "see the syntax in the comment block at the top")
    if conf is None:
        conf = 0.85 if companions else 0.75
    return Pattern(type=type_name, trigger=trigger, pos=pos, companions=tuple(companions), roles=tuple(roles),
                   mode=mode, frame=frame, confidence=conf, line=line)


def _word_list(path: Path, data: dict, key: str) -> list[str]:
    lines = data.get("__lines__", {})
    values = data.get(key)
    if not values:
        raise _err(path, lines.get(key, 1), f"group {key!r} is missing or empty", "list at least one lemma")
    seen: set[str] = set()
    for v in values:
        if str(v) in seen:
            raise _err(path, getattr(v, "line", lines.get(key, 1)), f"{v!r} is listed twice in {key!r}",
                       "remove one of them")
        seen.add(str(v))
    return [str(v) for v in values]


def _validate(path: Path, data: dict) -> Lexicon:
    lines = data.get("__lines__", {})
    if "version" not in data:
        raise _err(path, 1, "missing 'version'", "add version: \"lexicon-N\"")
    frames: dict[str, str] = {}
    fdata = data.get("frames") or {}
    for mode in (k for k in fdata if k != "__lines__"):
        if mode not in MODES:
            raise _err(path, fdata["__lines__"][mode], f"frame mode {mode!r} is not known", "modes: " + ", ".join(MODES))
        for lemma in _word_list(path, fdata, mode):
            if lemma in frames:
                raise _err(path, fdata["__lines__"][mode], f"frame {lemma!r} has two modes", "keep it under one mode")
            frames[lemma] = str(mode)  # a plain str: modes end up in Event records
    if not frames:
        raise _err(path, lines.get("frames", 1), "group 'frames' is empty", "list the mode verbs")
    types = data.get("types") or {}
    tlines = types.get("__lines__", {})
    unknown = [t for t in types if t != "__lines__" and t not in PLOVER_TYPES]
    if unknown:
        raise _err(path, tlines[unknown[0]], f"unknown type {unknown[0]!r}", "valid types: " + ", ".join(PLOVER_TYPES))
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    seen: dict[tuple, Pattern] = {}
    for type_name in PLOVER_TYPES:
        group = types.get(type_name)
        if not group:
            raise _err(path, tlines.get(type_name, lines.get("types", 1)), f"type {type_name} has no patterns",
                       "every PLOVER type needs verbs and nouns")
        glines = group.get("__lines__", {})
        for section, pos, index in (("verbs", "verb", verbs), ("nouns", "noun", nouns)):
            entries = group.get(section)
            if not entries:
                raise _err(path, glines.get(section, tlines.get(type_name, 1)),
                           f"group {type_name}.{section} is missing or empty", "list at least one pattern")
            for text in entries:
                pat = _parse_pattern(path, text, type_name, pos)
                key = (pos, pat.trigger, frozenset(pat.companions))
                if key in seen:
                    other = seen[key]
                    raise _err(path, pat.line, f"pattern {text!r} repeats {other} (line {other.line})",
                               "keep one pattern per trigger and companions")
                seen[key] = pat
                index.setdefault(pat.trigger, []).append(pat)
    lex = Lexicon(
        version=str(data["version"]),
        verbs={k: tuple(sorted(v, key=lambda p: -len(p.companions))) for k, v in verbs.items()},
        nouns={k: tuple(sorted(v, key=lambda p: -len(p.companions))) for k, v in nouns.items()},
        frames=frames,
        support_verbs=frozenset(_word_list(path, data, "support_verbs")),
        speech_verbs=frozenset(_word_list(path, data, "speech_verbs")),
        belief_verbs=frozenset(_word_list(path, data, "belief_verbs")),
        denial_verbs=frozenset(_word_list(path, data, "denial_verbs")),
        demand_modals=frozenset(_word_list(path, data, "demand_modals")),
        object_frames=frozenset(_word_list(path, data, "object_frames")),
        occasion_nouns=frozenset(_word_list(path, data, "occasion_nouns")),
        stative_verbs=frozenset(_word_list(path, data, "stative_verbs")),
        partitive_nouns=frozenset(_word_list(path, data, "partitive_nouns")),
        motion_verbs=frozenset(_word_list(path, data, "motion_verbs")),
        proposal_nouns=frozenset(_word_list(path, data, "proposal_nouns")),
        agent_nouns=frozenset(_word_list(path, data, "agent_nouns")),
        mutual_words=tuple(_word_list(path, data, "mutual_words")))
    if not lex.denial_verbs <= lex.speech_verbs:
        raise _err(path, lines.get("denial_verbs", 1), "denial_verbs must also be speech_verbs",
                   "add them to speech_verbs")
    unknown_frames = sorted(lex.object_frames - set(lex.frames))
    if unknown_frames:
        raise _err(path, lines.get("object_frames", 1), f"object_frames {unknown_frames} are not frames",
                   "list them under frames first")
    for type_name in PLOVER_TYPES:
        n = lex.count(type_name)
        if n < MIN_PATTERNS_PER_TYPE:
            raise _err(path, tlines.get(type_name, 1), f"type {type_name} has {n} patterns, fewer than "
                       f"{MIN_PATTERNS_PER_TYPE}", "add patterns so every type is covered")
    return lex


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The validated lexicon (cached: compiled once per process)."""
    p = Path(path) if path else DATA / "lexicon.yaml"
    return _validate(p, load_strict(p))
