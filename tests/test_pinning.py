"""Model pinning: `models pin` writes a SHA-256 manifest; engine starts are checked against it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from supportllm.config import Settings, load_settings
from supportllm.engines.commands import launch_spec
from supportllm.engines.pinning import PinEvent, pin, pins_dir, sha256_file, unpin
from supportllm.errors import ModelFileError
from tests.conftest import invoke


def _gguf(path: Path, size: int = 8192) -> Path:
    path.write_bytes(b"GGUF" + bytes(range(256)) * (size // 256))
    return path


def _folder(path: Path) -> Path:
    """A safetensors model folder as Hugging Face lays it out (plus a .git the pin skips)."""
    path.mkdir()
    (path / "config.json").write_text('{"architectures": ["LlamaForCausalLM"]}')
    (path / "tokenizer.json").write_text('{"model": {"vocab": {}}}')
    (path / "model-00001-of-00002.safetensors").write_bytes(os.urandom(4096))
    (path / "model-00002-of-00002.safetensors").write_bytes(os.urandom(4096))
    (path / ".git").mkdir()
    (path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return path


def _flip_byte(path: Path, at: int = 100) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


def _llamacpp(tmp_path: Path, model: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", llamacpp={"model": str(model)})


# A GGUF file, checked where every engine start resolves its model (launch_spec) ------------


def test_a_pinned_gguf_starts_and_a_changed_byte_refuses_naming_both_hashes(
    tmp_path: Path,
) -> None:
    model = _gguf(tmp_path / "qwen.gguf")
    settings = _llamacpp(tmp_path, model)
    manifest, event = pin(str(model), pins_dir(settings.data_dir), models_dir=tmp_path)
    assert event == PinEvent("pin", "qwen.gguf", str(model), manifest.digest)
    pinned = sha256_file(model)

    events: list[PinEvent] = []
    spec = launch_spec(settings, on_pin_event=events.append)
    assert spec.model_sha256 == pinned
    assert [e.action for e in events] == ["verified"]

    _flip_byte(model)
    with pytest.raises(ModelFileError) as refused:
        launch_spec(settings, on_pin_event=events.append)
    message = refused.value.message
    assert f"{model}: sha256 {pinned} pinned, {sha256_file(model)} found" in message
    assert "re-pin it if the change is intended" in message
    assert events[-1].action == "refused" and events[-1].files == ("qwen.gguf",)
    assert events[-1].digest == manifest.digest


def test_engine_start_refuses_a_changed_model_before_any_process_starts(tmp_path: Path) -> None:
    model = _gguf(tmp_path / "support.gguf")
    assert invoke("models", "pin", str(model)).code == 0
    _flip_byte(model, at=4000)

    result = invoke("engine", "start", "--model", str(model))

    assert result.code == 1
    assert f"{model}: sha256" in result.text and "pinned" in result.text
    assert sha256_file(model) in result.text
    assert not (tmp_path / ".supportllm" / "engines").exists()  # no engine state: nothing ran
    assert not (tmp_path / ".supportllm" / "logs").exists()


def test_a_same_size_edit_with_the_mtime_put_back_is_still_caught(tmp_path: Path) -> None:
    """The fast check compares ctime too, which a user cannot set back."""
    model = _gguf(tmp_path / "m.gguf")
    settings = _llamacpp(tmp_path, model)
    pin(str(model), pins_dir(tmp_path / "data"), models_dir=tmp_path)
    before = model.stat()
    _flip_byte(model)
    os.utime(model, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(ModelFileError, match="pinned"):
        launch_spec(settings)


# A safetensors folder and a LoRA adapter (vLLM) -----------------------------------------------


def _vllm(tmp_path: Path, model: Path, **vllm: object) -> Settings:
    return load_settings(
        engine="vllm", data_dir=tmp_path / "data", vllm={"model": str(model), **vllm}
    )


def test_a_pinned_folder_refuses_a_changed_an_added_and_a_missing_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "qwen-7b")
    manifest, _ = pin(str(folder), pins_dir(tmp_path / "data"), models_dir=tmp_path)
    assert [f.path for f in manifest.files] == [
        "config.json",
        "model-00001-of-00002.safetensors",
        "model-00002-of-00002.safetensors",
        "tokenizer.json",
    ]
    settings = _vllm(tmp_path, folder)
    launch_spec(settings, vllm_executable="vllm")

    (folder / ".git" / "HEAD").write_text("ref: refs/heads/other\n")  # hidden files: not pinned
    launch_spec(settings, vllm_executable="vllm")

    shard = folder / "model-00002-of-00002.safetensors"
    pinned = sha256_file(shard)
    _flip_byte(shard)
    with pytest.raises(ModelFileError) as changed:
        launch_spec(settings, vllm_executable="vllm")
    assert f"{shard}: sha256 {pinned} pinned, {sha256_file(shard)} found" in changed.value.message

    pin(str(folder), pins_dir(tmp_path / "data"), models_dir=tmp_path)  # intended: re-pin
    (folder / "generation_config.json").write_text("{}")
    (folder / "tokenizer.json").unlink()
    with pytest.raises(ModelFileError) as edited:
        launch_spec(settings, vllm_executable="vllm")
    assert "generation_config.json: added after pinning" in edited.value.message
    assert "tokenizer.json: pinned, now missing" in edited.value.message


def test_a_changed_lora_adapter_refuses_the_vllm_start(tmp_path: Path) -> None:
    adapter = tmp_path / "billing-lora"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text('{"r": 16}')
    (adapter / "adapter_model.safetensors").write_bytes(os.urandom(2048))
    _, event = pin(str(adapter), pins_dir(tmp_path / "data"), models_dir=tmp_path, name="billing")
    assert event.name == "billing"
    settings = load_settings(
        engine="vllm",
        data_dir=tmp_path / "data",
        vllm={"model": "Qwen/Qwen2.5-7B-Instruct", "lora_modules": {"billing": str(adapter)}},
    )
    launch_spec(settings, vllm_executable="vllm")
    (adapter / "adapter_config.json").write_text('{"r": 64}')
    with pytest.raises(ModelFileError, match=r"adapter_config\.json: sha256"):
        launch_spec(settings, vllm_executable="vllm")


# Policy: pins required; manifests that were edited -------------------------------------------


def test_require_pinned_models_refuses_an_unpinned_model(tmp_path: Path) -> None:
    model = _gguf(tmp_path / "unpinned.gguf")
    settings = load_settings(
        data_dir=tmp_path / "data", llamacpp={"model": str(model)}, require_pinned_models=True
    )
    events: list[PinEvent] = []
    with pytest.raises(ModelFileError, match="not pinned and require_pinned_models is on"):
        launch_spec(settings, on_pin_event=events.append)
    assert events[0].action == "refused" and events[0].reason == "not pinned"

    pin(str(model), pins_dir(settings.data_dir), models_dir=tmp_path)
    launch_spec(settings)  # pinned now: starts


def test_an_edited_manifest_is_refused(tmp_path: Path) -> None:
    model = _gguf(tmp_path / "m.gguf")
    pin(str(model), pins_dir(tmp_path / "data"), models_dir=tmp_path)
    _flip_byte(model)
    manifest_file = pins_dir(tmp_path / "data") / "m.gguf.json"
    data = json.loads(manifest_file.read_text())
    data["files"]["m.gguf"]["sha256"] = sha256_file(model)  # made to match, digest left as is
    manifest_file.write_text(json.dumps(data))
    with pytest.raises(ModelFileError, match="was edited"):
        launch_spec(_llamacpp(tmp_path, model))


# Hugging Face ids: the local cache only --------------------------------------------------------


def test_a_hugging_face_id_is_pinned_from_the_local_cache(tmp_path: Path) -> None:
    cache = tmp_path / "hub"
    repo = cache / "models--acme--support-7b"
    snapshot = repo / "snapshots" / "0123abcd"
    snapshot.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abcd")
    (snapshot / "config.json").write_text("{}")
    (snapshot / "model.safetensors").write_bytes(os.urandom(1024))
    manifest, _ = pin("acme/support-7b", tmp_path / "pins", models_dir=tmp_path, hf_cache_dir=cache)
    assert manifest.model == manifest.name == "acme/support-7b"
    assert manifest.source == str(snapshot)
    assert len(manifest.files) == 2


def test_a_hugging_face_id_not_in_the_cache_is_a_clear_error() -> None:
    result = invoke("models", "pin", "supportllm-tests/not-downloaded-model")
    assert result.code == 1
    assert "'supportllm-tests/not-downloaded-model' is not in the local Hugging Face cache" in (
        result.text
    )
    assert "download it first" in result.text


# The commands ----------------------------------------------------------------------------------


def test_models_pin_prints_the_manifest_and_repin_pins_unpin_follow(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "qwen-7b")
    first = invoke("models", "pin", str(folder), "--name", "qwen")
    assert first.code == 0, first.output
    manifest = json.loads((tmp_path / ".supportllm" / "pins" / "qwen.json").read_text())
    assert manifest["format"] == 1 and manifest["model"] == str(folder)
    assert "pinned qwen" in first.text
    assert "files 4 (8.1 KiB)" in first.text
    assert f"digest sha256:{manifest['digest']}" in first.text
    for name, entry in manifest["files"].items():
        assert f"{name} " in first.text and entry["sha256"] in first.text

    _flip_byte(folder / "config.json", at=3)
    again = invoke("models", "pin", str(folder))  # same model: re-pinned under its name
    assert "re-pinned qwen (changed: config.json)" in again.text

    listed = invoke("models", "pins")
    assert "qwen" in listed.text and str(folder) in listed.text

    verified = invoke("models", "verify", "--full")
    assert verified.code == 0 and "ok qwen" in verified.text
    _flip_byte(folder / "tokenizer.json", at=3)
    assert invoke("models", "verify", "qwen").code == 1

    assert "unpinned qwen" in invoke("models", "unpin", "qwen").text
    assert "no pinned models" in invoke("models", "pins").text
    assert invoke("models", "unpin", "qwen").code == 1


def test_unpin_and_repin_return_audit_events(tmp_path: Path) -> None:
    model = _gguf(tmp_path / "m.gguf")
    directory = tmp_path / "pins"
    first, _ = pin(str(model), directory, models_dir=tmp_path)
    _flip_byte(model)
    second, event = pin(str(model), directory, models_dir=tmp_path)
    assert event.action == "repin" and event.files == ("m.gguf",)
    assert event.previous_digest == first.digest and event.digest == second.digest
    removed = unpin(directory, "m.gguf")
    assert removed.record()["event"] == "model.unpin"
    assert removed.digest == second.digest
