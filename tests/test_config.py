"""Settings: environment > supportllm.toml > defaults, and errors that name the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportllm.config import load_settings
from supportllm.errors import ConfigError


def test_defaults() -> None:
    settings = load_settings()
    assert settings.port == 8080 and settings.engine == "llamacpp"
    assert settings.resolved_database_url() == "sqlite:///.supportllm/supportllm.db"
    assert settings.resolved_prompt_style() == "completion"  # the packaged base model


def test_toml_then_environment_then_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "supportllm.toml").write_text(
        'port = 9100\ncompany_name = "Globex"\n[vllm]\ntensor_parallel_size = 2\n'
        'model = "Qwen/Qwen2.5-32B-Instruct-AWQ"\n'
    )
    settings = load_settings()
    assert (settings.port, settings.company_name) == (9100, "Globex")
    assert settings.vllm.tensor_parallel_size == 2
    monkeypatch.setenv("SUPPORTLLM_PORT", "9200")
    monkeypatch.setenv("SUPPORTLLM_VLLM__TENSOR_PARALLEL_SIZE", "4")
    settings = load_settings()
    assert settings.port == 9200 and settings.vllm.tensor_parallel_size == 4
    assert settings.vllm.model == "Qwen/Qwen2.5-32B-Instruct-AWQ"  # nested keys merge
    assert load_settings(port=9300).port == 9300


def test_a_wrong_value_names_the_setting_and_what_is_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUPPORTLLM_ENGINE", "tgi")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = caught.value.message
    assert "SUPPORTLLM_ENGINE" in message and "'llamacpp', 'vllm' or 'fake'" in message
    assert "'tgi'" in message


def test_nested_wrong_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPORTLLM_VLLM__GPU_MEMORY_UTILIZATION", "1.5")
    with pytest.raises(ConfigError, match="SUPPORTLLM_VLLM__GPU_MEMORY_UTILIZATION"):
        load_settings()


def test_unknown_toml_key_is_reported(tmp_path: Path) -> None:
    (tmp_path / "supportllm.toml").write_text("prot = 1\n")
    with pytest.raises(ConfigError, match=r"'prot'.*unknown setting"):
        load_settings()


def test_bad_engine_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPORTLLM_ENGINE_URL", "localhost:8000")
    with pytest.raises(ConfigError, match="http://"):
        load_settings()


def test_missing_explicit_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_unparsable_toml(tmp_path: Path) -> None:
    (tmp_path / "supportllm.toml").write_text("port = = 3\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings()


def test_embedder_languages_must_be_language_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPORTLLM_RETRIEVAL__EMBEDDER_LANGUAGES", '["en", "Deutsch"]')
    with pytest.raises(ConfigError, match="SUPPORTLLM_RETRIEVAL__EMBEDDER_LANGUAGES"):
        load_settings()
    monkeypatch.setenv("SUPPORTLLM_RETRIEVAL__EMBEDDER_LANGUAGES", '["EN", "de"]')
    assert load_settings().retrieval.embedder_languages == ["en", "de"]
    monkeypatch.setenv("SUPPORTLLM_RETRIEVAL__UNCOVERED_ALPHA", "1.5")
    with pytest.raises(ConfigError, match="SUPPORTLLM_RETRIEVAL__UNCOVERED_ALPHA"):
        load_settings()


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ('[pools.support]\nupstreams = ["gpu9"]\n', "pools.support: unknown upstream 'gpu9'"),
        (
            '[upstreams.api]\nurl = "https://api.example.com/v1"\nkind = "external"\n'
            '[pools.support]\nupstreams = ["engine"]\nroute = "auto"\n',
            "route = 'auto' needs a fallback",
        ),
        ('[upstreams.engine]\nurl = "http://x:1/v1"\n', "upstreams.engine: the name is reserved"),
        ('[upstreams.gpu]\nurl = "gpu1:8000"\n', "must start with http:// or https://"),
        ("[pools.support]\nupstreams = []\n", "a pool needs at least one replica"),
    ],
)
def test_pool_settings_that_cannot_work_name_what_to_change(
    tmp_path: Path, toml: str, says: str
) -> None:
    path = tmp_path / "supportllm.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert says in caught.value.message
    assert "setting ''" not in caught.value.message


def test_an_upstream_key_comes_from_its_env_variable_and_a_missing_one_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "supportllm.toml"
    path.write_text(
        '[upstreams.api]\nurl = "https://api.example.com/v1"\napi_key_env = "API_KEY_X"\n'
    )
    settings = load_settings(path)
    with pytest.raises(ConfigError, match="API_KEY_X, which is not set"):
        settings.upstream_api_key("api")
    monkeypatch.setenv("API_KEY_X", "sk-from-env")
    assert settings.upstream_api_key("api") == "sk-from-env"
