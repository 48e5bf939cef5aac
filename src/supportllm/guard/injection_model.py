"""The built-in injection classifier: TF-IDF (words + character n-grams) + logistic regression.

Trained by ``scripts/train_injection.py`` with scikit-learn, stored as plain arrays in an ``.npz``
file (vocabulary strings, idf, coefficients) and loaded with ``allow_pickle=False``; inference is
reimplemented here in numpy + Python, so no pickle and no scikit-learn object is ever loaded.
The analyzers below are the ones the training script hands to scikit-learn, so both sides see
exactly the same features.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import unicodedata
from itertools import pairwise
from pathlib import Path

import numpy as np

from supportllm.guard.linear_terms import TermBlock, WordGrams, char_wb_ngrams, read_arrays

FORMAT = "supportllm-injection-linear-v1"
WORD_RE = re.compile(r"(?u)\b\w\w+\b")
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E]
)
_BASE64_RE = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_SPACED_RE = re.compile(r"(?:\b\w\b[ _.-]){2,}\b\w\b")
# two letters joined by a hyphen ("M-Y"), read only beside a spelled-out run (_SPACED_HINT)
_PAIR_RE = re.compile(r"\b[^\W\d_]-[^\W\d_]\b")
# Round 23: letters joined by hyphens or dots are words ("F-ü-h-r-e d-i-e" -> "führe die",
# "o.h.n.e", and two letters, "M-Y", once the text holds a spelled-out run at all); letters
# spaced with blanks alone join across the blanks as before ("i g n o r e" -> "ignore"), also
# in a run that holds hyphenated groups too.
_INSIDE_WORD_RE = re.compile(r"[-._]")
_SPACED_SEP_RE = re.compile(r"[ _.]")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LEET_WORD_RE = re.compile(r"\b(?=\w*[a-z])(?=\w*[013457])[a-z013457]{2,}\b")
_LEET_STRONG_RE = re.compile(r"\b[a-z013457]*[a-z][013457]+[a-z][a-z013457]*\b")
# What every match of the two patterns above holds, found faster (a plain run instead of a
# backtracking word scan): a text without it is left alone without running them (round 14
# speed pass: 80 -> 30 µs for each of the three texts a 200-word ticket normalises).
# Round 17: both begin with a character that is rare in text (a separator, a digit), so ``re``
# skips to it in C (a pattern that begins with a look-behind or a letter class is tried at every
# position): "three one-character words in a row" is now read as the pattern reads it, with the
# words' edges (a separator, then a lone word character before it and two more after), which
# ordinary text ("and i have") no longer passes (0.9 + 40 µs of substitution -> 12 µs on an
# English window); "a letter, leet digits, a letter" is found from its digits (13 -> 3 µs).
_SPACED_HINT = re.compile(r"[ _.-](?<=\w[ _.-])(?<!\w\w[ _.-])\w[ _.-]\w(?!\w)")
_LEET_HINT = re.compile(r"[013457](?<=[a-z][013457])[013457]*[a-z]")
# The invisible characters as a class: a text without any is not translated (str.translate with
# a table walks a non-ASCII text character by character: 60 µs for 1,000 characters of German)
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")


def _decoded_base64(text: str) -> list[str]:
    out = []
    for blob in _BASE64_RE.findall(text):
        try:
            raw = base64.b64decode(blob + "=" * (-len(blob) % 4), validate=True)
            decoded = raw.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if decoded and sum(ch.isalpha() or ch == " " for ch in decoded) / len(decoded) > 0.85:
            out.append(decoded)
    return out


def _joined(match: re.Match[str]) -> str:
    """Spelled-out letters joined into words: a group joined by hyphens or dots is one word,
    and blank-spaced single letters next to each other are one word."""
    spelled = match.group(0)
    if "-" not in spelled and "." not in spelled:
        return _SPACED_SEP_RE.sub("", spelled)
    words: list[str] = []
    letters = ""  # blank-spaced single letters so far
    for group in spelled.split(" "):
        if len(group) == 1:
            letters += group
            continue
        if letters:
            words.append(letters)
            letters = ""
        words.append(_INSIDE_WORD_RE.sub("", group))
    if letters:
        words.append(letters)
    return " ".join(words)


def _plain(text: str) -> str:
    """The lower-cased text with spaced-out letters joined and leetspeak words spelled out."""
    # three one-character words in a row, at least: every match of _SPACED_RE holds one
    if _SPACED_HINT.search(text):
        text = _PAIR_RE.sub(lambda m: m.group(0).replace("-", ""), _SPACED_RE.sub(_joined, text))
    # Leetspeak only when two words carry a digit between letters ("y0ur", "sy5t3m"): codes
    # such as "mp3", "5G" or a postcode "BS1 4DJ" are left alone (and the text is not doubled).
    if not _LEET_HINT.search(text) or len(_LEET_STRONG_RE.findall(text)) < 2:
        return text
    return _LEET_WORD_RE.sub(lambda m: m.group(0).translate(_LEET), text)


def normalize(text: str) -> str:
    """Lower-cased NFKC text, invisible characters dropped, common obfuscations undone.

    Decoded base64 blobs and a plain copy of the whole text (letters spelled out with spaces,
    "i g n o r e", joined; leetspeak words, "1gn0r3 y0ur", spelled out) are appended, so the
    classifier and the patterns see both versions, sentence structure included.
    """
    if not text.isascii():  # ASCII is NFKC already and holds no invisible characters
        text = unicodedata.normalize("NFKC", text)
        if _INVISIBLE_RE.search(text):
            text = text.translate(_INVISIBLE)
    extra = _decoded_base64(text)
    text = text.lower()
    plain = _plain(text)
    if plain != text:
        extra.append(plain)
    if extra:
        text = text + " \n " + " ".join(e.lower() for e in extra)
    return text


def word_ngrams(text: str) -> list[str]:
    """Words of 2+ characters and word bigrams (scikit-learn's default token pattern)."""
    return _grams(WORD_RE.findall(text))


def _grams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def char_ngrams(text: str, lo: int = 2, hi: int = 5) -> list[str]:
    """Character n-grams inside word boundaries (scikit-learn's ``char_wb``)."""
    return char_wb_ngrams(text, lo, hi)


class ModelFileError(Exception):
    """The model file is missing, unreadable or not a supportllm injection model."""


class LinearInjectionModel:
    """Scores texts with the exported arrays; ``score`` is the probability of an injection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        arrays = read_arrays(path, "injection", ModelFileError)
        try:
            if str(arrays["format"]) != FORMAT:
                raise ModelFileError(f"{path} is not a {FORMAT} file")
            self.intercept = float(arrays["intercept"])
            self.threshold = float(arrays["threshold"])
            # Round 15: documents (knowledge-base articles, tool results) have their own
            # threshold, calibrated on help-centre and forum text; files before it have one.
            self.document_threshold = float(arrays.get("document_threshold", self.threshold))
            self.char_range = (int(arrays["char_range"][0]), int(arrays["char_range"][1]))
            # Length buckets (optional: files before round 4 have none).
            self.len_edges = [int(e) for e in arrays.get("len_edges", np.zeros(0))]
            self.len_offsets = [float(o) for o in arrays.get("len_offsets", np.zeros(0))]
            if len(self.len_edges) != len(self.len_offsets):
                raise ModelFileError(f"injection model file {path}: length arrays differ")
            self._blocks = [
                TermBlock.from_file_arrays(arrays, "word"),
                TermBlock.from_file_arrays(arrays, "char"),
            ]
            self._char_grams = WordGrams(self._blocks[1].vocab, *self.char_range)
        except KeyError as exc:
            raise ModelFileError(f"injection model file {path} lacks array {exc}") from exc
        except (ValueError, TypeError) as exc:
            raise ModelFileError(f"injection model file {path}: {exc}") from exc

    def logit(self, text: str) -> tuple[float, int]:
        """The classifier's raw log-odds and the number of words of the normalised text."""
        return self.logit_normalized(normalize(text))

    def logit_normalized(self, normalized: str) -> tuple[float, int]:
        """``logit`` of a text already passed through ``normalize`` (the screen normalises a
        short text once for both the classifier and the patterns)."""
        word, char = self._blocks
        tokens = WORD_RE.findall(normalized)  # once, for the n-grams and the word count
        z = self.intercept
        # numpy sums (``TermBlock.from_ids``): the same log-odds to about 1e-15, a third of the
        # time for a 200-word message
        z += word.from_ids(word.term_ids(_grams(tokens)))
        z += char.from_ids(self._char_grams.ids(normalized))
        return z, len(tokens)

    def length_offset(self, n_words: int) -> float:
        """How much a text of ``n_words`` words is pulled down (0 beyond the last bucket)."""
        for edge, offset in zip(self.len_edges, self.len_offsets, strict=True):
            if n_words <= edge:
                return offset
        return 0.0

    def raw_score(self, text: str) -> float:
        """The probability without the length correction (what scikit-learn computes)."""
        return _sigmoid(self.logit(text)[0])

    def score(self, text: str) -> float:
        """The probability of an injection, length-corrected for short texts.

        Short texts have few n-grams, so one or two unlucky grams decide their score ("refund
        A-1001"); the training script calibrates, per word-count bucket, the offset that keeps
        benign short texts under the threshold on out-of-fold scores.
        """
        return self.score_normalized(normalize(text))

    def score_normalized(self, normalized: str) -> float:
        """``score`` of a text already passed through ``normalize``."""
        z, n_words = self.logit_normalized(normalized)
        return _sigmoid(z - self.length_offset(n_words))


def _sigmoid(z: float) -> float:
    # A log-odds below about -709 overflows: no trained model gets there, a broken file does,
    # and the screen then treats it as a classifier failure (``fail_closed``).
    return 1.0 / (1.0 + math.exp(-z))


def save_model(
    path: Path,
    *,
    word_terms: list[str],
    word_idf: np.ndarray,
    word_coef: np.ndarray,
    char_terms: list[str],
    char_idf: np.ndarray,
    char_coef: np.ndarray,
    intercept: float,
    threshold: float,
    char_range: tuple[int, int],
    meta: str,
    len_edges: list[int] | None = None,
    len_offsets: list[float] | None = None,
    document_threshold: float | None = None,
) -> None:
    """Write the arrays (float32, unicode strings: nothing that needs pickle)."""
    np.savez_compressed(
        path,
        format=np.array(FORMAT),
        word_terms=np.array(word_terms, dtype=str),
        word_idf=word_idf.astype(np.float32),
        word_coef=word_coef.astype(np.float32),
        char_terms=np.array(char_terms, dtype=str),
        char_idf=char_idf.astype(np.float32),
        char_coef=char_coef.astype(np.float32),
        intercept=np.array(intercept),
        threshold=np.array(threshold),
        document_threshold=np.array(
            threshold if document_threshold is None else document_threshold
        ),
        char_range=np.array(char_range),
        len_edges=np.array(len_edges or [], dtype=np.int64),
        len_offsets=np.array(len_offsets or [], dtype=np.float64),
        meta=np.array(meta),
    )
