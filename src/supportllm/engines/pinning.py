"""Model pinning (SOC 2 CC8.1): a SHA-256 manifest per model, checked before an engine starts.

``pin`` hashes every file of a model (one GGUF file, a safetensors folder, a LoRA adapter) into
``data_dir/pins/<name>.json``; ``check`` compares the files an engine is about to load with it and
refuses a mismatch, naming the file and both hashes. A model is named as the engine settings name
it: the packaged 'gemma3-270m', a path (made absolute), 'org/repo:file.gguf' or a Hugging Face id
'org/repo' (read from the local Hugging Face cache, never downloaded here).

Every change of a pin and every check yields a ``PinEvent`` for the audit trail: ``pin`` and
``unpin`` return theirs, ``check`` hands its own to ``on_event`` (a refusal before raising).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from supportllm.engines.modelfile import PACKAGED_MODEL, packaged_model
from supportllm.errors import ModelFileError

FORMAT = 1
CHUNK = 1024 * 1024
CheckMode = Literal["fast", "full"]
PinAction = Literal["pin", "repin", "unpin", "verified", "refused"]
_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+(:[^/].*)?$")


@dataclass(frozen=True)
class PinnedFile:
    path: str  # relative to the model's folder (a single file: its name)
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    name: str
    model: str  # the model as the engine settings name it (paths absolute)
    source: str  # the file or folder hashed
    created_at: str
    files: tuple[PinnedFile, ...]

    @property
    def digest(self) -> str:
        """SHA-256 of the model's identity: its id and every file's path, size and SHA-256
        (not the time or the name, so a re-pin of unchanged files gives the same digest)."""
        body = {
            "format": FORMAT,
            "model": self.model,
            "files": {f.path: {"sha256": f.sha256, "size": f.size} for f in self.files},
        }
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def to_json(self) -> str:
        files = {f.path: {"sha256": f.sha256, "size": f.size} for f in self.files}
        return json.dumps(
            {
                "format": FORMAT,
                "name": self.name,
                "model": self.model,
                "source": self.source,
                "created_at": self.created_at,
                "digest": self.digest,
                "files": files,
            },
            indent=2,
        )

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text())
            manifest = cls(
                name=str(data["name"]),
                model=str(data["model"]),
                source=str(data["source"]),
                created_at=str(data["created_at"]),
                files=tuple(
                    PinnedFile(rel, str(entry["sha256"]), int(entry["size"]))
                    for rel, entry in sorted(data["files"].items())
                ),
            )
            version, recorded = data["format"], data["digest"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise ModelFileError(f"cannot read the pin manifest {path}: {error}") from None
        if version != FORMAT:
            raise ModelFileError(f"pin manifest {path} has format {version}; expected {FORMAT}")
        if recorded != manifest.digest:
            raise ModelFileError(
                f"pin manifest {path} was edited: its digest {recorded} does not match its "
                f"contents ({manifest.digest}); re-pin the model with `supportllm models pin`"
            )
        return manifest


@dataclass(frozen=True)
class PinEvent:
    """One audit event: a pin written, replaced or removed; a model verified or refused."""

    action: PinAction
    name: str
    model: str
    digest: str | None  # the manifest's digest (None: a refused model that has no pin)
    files: tuple[str, ...] = ()  # files changed (re-pin, refusal)
    reason: str = ""
    previous_digest: str | None = None  # re-pin: the digest replaced

    def record(self) -> dict[str, object]:
        """The event as a plain dict (for an audit store or a JSON line)."""
        return {
            "event": f"model.{self.action}",
            "name": self.name,
            "model": self.model,
            "digest": self.digest,
            "previous_digest": self.previous_digest,
            "files": list(self.files),
            "reason": self.reason,
        }


PinEventSink = Callable[[PinEvent], None]
Progress = Callable[[int], None]  # bytes just hashed


@dataclass(frozen=True)
class PinPolicy:
    """What ``check`` enforces (from the settings require_pinned_models and pin_check)."""

    pins_dir: Path
    mode: CheckMode = "fast"
    require: bool = False
    on_event: PinEventSink | None = field(default=None, compare=False)


def pins_dir(data_dir: Path) -> Path:
    return data_dir / "pins"


# Naming and locating models -----------------------------------------------------------------


def canonical_model(spec: str) -> str:
    """The model's id in pins: an existing path made absolute, anything else as written."""
    path = Path(spec).expanduser()
    return str(path.resolve()) if path.exists() else spec


def is_hub_id(spec: str) -> bool:
    return not Path(spec).expanduser().exists() and _HUB_ID.match(spec) is not None


def locate(spec: str, models_dir: Path, hf_cache_dir: Path | None = None) -> Path:
    """The local file or folder an engine loads for ``spec``; never downloads."""
    path = Path(spec).expanduser()
    if path.exists():
        return path.resolve()
    if spec == PACKAGED_MODEL:
        return packaged_model(models_dir).path
    if not is_hub_id(spec):
        raise ModelFileError(
            f"cannot pin '{spec}': no such file or folder, and not a Hugging Face id "
            "('org/repo' or 'org/repo:file.gguf')"
        )
    return _hub_cached(spec, hf_cache_dir)


def _hub_cached(spec: str, cache_dir: Path | None) -> Path:
    repo_id, _, filename = spec.partition(":")
    try:
        import huggingface_hub  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise ModelFileError(
            f"'{spec}' is a Hugging Face id; install huggingface_hub to read its cache, "
            "or pin the model's local folder"
        ) from None
    try:
        if filename:
            found = huggingface_hub.hf_hub_download(
                repo_id, filename, cache_dir=cache_dir, local_files_only=True
            )
        else:
            found = huggingface_hub.snapshot_download(
                repo_id, cache_dir=cache_dir, local_files_only=True
            )
    except Exception:  # noqa: BLE001 - the hub raises many types; all mean "not cached"
        what = "hf download " + repo_id + (f" {filename}" if filename else "")
        raise ModelFileError(
            f"'{spec}' is not in the local Hugging Face cache; download it first "
            f"(`{what}`) or pin its local path"
        ) from None
    return Path(str(found))


# Hashing -------------------------------------------------------------------------------------


def _files(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative path, path) of every file to pin; hidden names (.git, .cache) are skipped."""
    if root.is_file():
        yield root.name, root
        return
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        yield rel.as_posix(), path


def sha256_file(path: Path, progress: Progress | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
            if progress is not None:
                progress(len(block))
    return digest.hexdigest()


def _stat_key(path: Path) -> list[int]:
    """What the fast check compares: size, mtime, ctime (which no user can set back), inode."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def model_bytes(spec: str, models_dir: Path, hf_cache_dir: Path | None = None) -> int:
    """How many bytes ``pin`` will hash (for a progress bar)."""
    return sum(p.stat().st_size for _, p in _files(locate(spec, models_dir, hf_cache_dir)))


# Pins on disk --------------------------------------------------------------------------------


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "model"


def manifest_path(directory: Path, name: str) -> Path:
    return directory / f"{_slug(name)}.json"


def _seen_path(directory: Path, manifest: Manifest) -> Path:
    return directory / ".checked" / f"{_slug(manifest.name)}.json"


def list_pins(directory: Path) -> list[tuple[Path, Manifest]]:
    if not directory.is_dir():
        return []
    return [(path, Manifest.load(path)) for path in sorted(directory.glob("*.json"))]


def find_pin(directory: Path, model: str) -> tuple[Path, Manifest] | None:
    """The pin of ``model`` (as the settings name it), looked up by its canonical id."""
    wanted = canonical_model(model)
    return next(((p, m) for p, m in list_pins(directory) if m.model == wanted), None)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text + "\n")
    partial.replace(path)


def pin(
    spec: str,
    directory: Path,
    *,
    models_dir: Path,
    name: str | None = None,
    progress: Progress | None = None,
    hf_cache_dir: Path | None = None,
) -> tuple[Manifest, PinEvent]:
    """Hash every file of ``spec`` and write its manifest; a pin of the same model is replaced
    (under its name, unless ``name`` gives another)."""
    root = locate(spec, models_dir, hf_cache_dir)
    model = canonical_model(spec)
    existing = find_pin(directory, model)
    default = spec if is_hub_id(spec) or spec == PACKAGED_MODEL else root.name
    label = name or (existing[1].name if existing is not None else default)
    target = manifest_path(directory, label)
    if target.exists() and (existing is None or existing[0] != target):
        other = Manifest.load(target)
        raise ModelFileError(
            f"the pin name '{label}' is taken by {other.model}; choose another --name "
            f"or remove it with `supportllm models unpin {other.name}`"
        )
    files: list[PinnedFile] = []
    seen: dict[str, object] = {}
    for rel, path in _files(root):
        files.append(PinnedFile(rel, sha256_file(path, progress), path.stat().st_size))
        seen[rel] = _stat_key(path)
    if not files:
        raise ModelFileError(f"cannot pin '{spec}': {root} holds no files")
    created = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    manifest = Manifest(label, model, str(root), created, tuple(files))
    if existing is not None and existing[0] != target:
        existing[0].unlink()
        _seen_path(directory, existing[1]).unlink(missing_ok=True)
    _write(target, manifest.to_json())
    _write(_seen_path(directory, manifest), json.dumps(seen))
    if existing is None:
        return manifest, PinEvent("pin", label, model, manifest.digest)
    old = {f.path: f.sha256 for f in existing[1].files}
    new = {f.path: f.sha256 for f in manifest.files}
    changed = tuple(sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p)))
    event = PinEvent(
        "repin", label, model, manifest.digest, changed, previous_digest=existing[1].digest
    )
    return manifest, event


def unpin(directory: Path, name: str) -> PinEvent:
    """Remove the pin called ``name`` (or pinning the model ``name``)."""
    for path, manifest in list_pins(directory):
        if name in (manifest.name, manifest.model) or manifest.model == canonical_model(name):
            path.unlink()
            _seen_path(directory, manifest).unlink(missing_ok=True)
            return PinEvent("unpin", manifest.name, manifest.model, manifest.digest)
    raise ModelFileError(f"no pin named '{name}'; `supportllm models pins` lists them")


# Checking before a start -----------------------------------------------------------------------


def _refuse(policy: PinPolicy, event: PinEvent, message: str) -> ModelFileError:
    if policy.on_event is not None:
        policy.on_event(event)
    return ModelFileError(message)


def check(
    spec: str,
    local: Path | None,
    policy: PinPolicy,
    *,
    known_sha256: str | None = None,
    progress: Progress | None = None,
) -> Manifest | None:
    """Verify the files an engine is about to load for ``spec`` (found at ``local``) against
    the model's pin; ModelFileError (after an event to ``policy.on_event``) when they differ,
    or when the model has no pin and pins are required. ``known_sha256``: the single file's
    digest, already computed by the caller."""
    found = find_pin(policy.pins_dir, spec)
    if found is None:
        if not policy.require:
            return None
        model = canonical_model(spec)
        raise _refuse(
            policy,
            PinEvent("refused", model, model, None, reason="not pinned"),
            f"model {model} is not pinned and require_pinned_models is on; pin it with "
            f"`supportllm models pin {spec}`",
        )
    _, manifest = found
    if local is None:
        try:
            local = locate(spec, Path(manifest.source).parent)
        except ModelFileError:
            local = Path(manifest.source)
    problems = _differences(manifest, local.absolute(), policy, known_sha256, progress)
    if problems:
        files = tuple(rel for rel, _ in problems)
        what = problems[0][1]
        if len(problems) > 1:
            what = f"model '{manifest.name}' does not match its pin:\n" + "\n".join(
                f"  {text}" for _, text in problems
            )
        raise _refuse(
            policy,
            PinEvent("refused", manifest.name, manifest.model, manifest.digest, files, "changed"),
            f"{what}; the model changed after `supportllm models pin` — re-pin it if the change "
            f"is intended (supportllm models pin {spec})",
        )
    if policy.on_event is not None:
        policy.on_event(PinEvent("verified", manifest.name, manifest.model, manifest.digest))
    return manifest


def _differences(
    manifest: Manifest,
    root: Path,
    policy: PinPolicy,
    known_sha256: str | None,
    progress: Progress | None,
) -> list[tuple[str, str]]:
    """(relative path, what differs) for every file that is missing, added or changed."""
    if not root.exists():
        return [(".", f"{root}: not found (pinned {len(manifest.files)} file(s) there)")]
    pinned = {f.path: f for f in manifest.files}
    if root.is_file() and len(pinned) == 1:  # one file: its name (a symlink's, a blob's) aside
        current = {next(iter(pinned)): root}
    else:
        current = dict(_files(root))
    problems = [(rel, f"{root / rel}: pinned, now missing") for rel in pinned if rel not in current]
    problems += [
        (rel, f"{current[rel]}: added after pinning") for rel in current if rel not in pinned
    ]
    if problems:
        return problems
    sized = [rel for rel, f in pinned.items() if current[rel].stat().st_size != f.size]
    seen_path = _seen_path(policy.pins_dir, manifest)
    try:
        seen: dict[str, list[int]] = json.loads(seen_path.read_text())
    except (OSError, ValueError):
        seen = {}
    # A size that differs is a change already: hash only those files (to name both hashes).
    hashed = False
    for rel in sized or list(pinned):
        path, expected = current[rel], pinned[rel]
        stat = _stat_key(path)
        if not sized and policy.mode == "fast" and seen.get(rel) == stat:
            continue
        hashed = True
        actual = known_sha256 if known_sha256 and root.is_file() else sha256_file(path, progress)
        if actual != expected.sha256:
            sizes = f" ({expected.size} bytes pinned, {stat[0]} found)" if sized else ""
            problems.append(
                (rel, f"{path}: sha256 {expected.sha256} pinned, {actual} found{sizes}")
            )
        else:
            seen[rel] = stat
    if hashed and not problems:
        _write(seen_path, json.dumps(seen))
    return problems
