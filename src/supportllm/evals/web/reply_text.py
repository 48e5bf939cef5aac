"""How the grading page shows a reply: exactly as the candidate wrote it, never as HTML (the
templates escape every character), with the parts that are prompt-template text marked.

A reply that echoes its prompt (chat-format markers such as ``<<SYS>>``, ``[INST]`` or
``<|im_start|>``, or the ``[doc#n]`` ids the passages are given to the model with) is the
candidate's fault and is graded as it is; marking it saves the grader from hunting for it.
Characters that change the direction of the text or are invisible are counted, as they can make
a reply read differently from what it contains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

LONG_CHARS = 1500  # longer replies (or more lines) get a note: the box scrolls and can be enlarged
LONG_LINES = 25

_CHAT_MARKERS = (
    r"<</?SYS>>",  # Llama 2
    r"\[/?INST\]",  # Llama 2, Mistral
    r"<\|[A-Za-z0-9_.:-]{1,40}\|>",  # ChatML, Llama 3, Phi: <|im_start|>, <|eot_id|>
    r"</?s>",  # sentence-piece start and end
    r"<(?:start|end)_of_turn>",  # Gemma
    r"(?m:^#{2,3} ?(?:Instruction|Response|System|Input)\b:?)",  # Alpaca-style headings
    r"\[[^\[\]\s]{1,200}#\d+\]",  # a passage id as the passages template shows it: [doc#n]
)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool


@dataclass(frozen=True)
class ShownText:
    segments: tuple[Segment, ...]
    markers: tuple[str, ...]  # the distinct template texts found, in order of appearance
    chars: int
    lines: int
    invisible: int  # zero-width and direction-changing characters

    @property
    def long(self) -> bool:
        return self.chars > LONG_CHARS or self.lines > LONG_LINES


def shown(text: str, passage_ids: Iterable[str] = ()) -> ShownText:
    """``text`` cut into plain and template-text segments (joined, they are ``text``)."""
    ids = sorted({i for i in passage_ids if len(i) >= 3}, key=len, reverse=True)
    pattern = re.compile("|".join([*_CHAT_MARKERS, *(re.escape(i) for i in ids)]))
    segments: list[Segment] = []
    markers: list[str] = []
    at = 0
    for found in pattern.finditer(text):
        if found.start() > at:
            segments.append(Segment(text[at : found.start()], False))
        segments.append(Segment(found.group(), True))
        if found.group() not in markers:
            markers.append(found.group())
        at = found.end()
    if at < len(text):
        segments.append(Segment(text[at:], False))
    return ShownText(
        tuple(segments),
        tuple(markers),
        len(text),
        text.count("\n") + 1 if text else 0,
        len(_INVISIBLE.findall(text)),
    )
