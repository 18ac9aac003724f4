"""False positives of the default Scanner (UK) on the evaluation-only hard negatives, with what
fired on each flagged row - ids only, never text.

    PYTHONPATH=src python eval/hardneg_fpr.py scan ROWS DATASET[,DATASET...] OUT.json
    PYTHONPATH=src python eval/hardneg_fpr.py report OUT.json [OUT.json ...] > eval/reports/HARDNEG.md

``scan`` draws at most ROWS rows per dataset (seed 20240607, as ``realtext.collect``) from the
gathered test rows of each named dataset (``../shared/data/extra``, see data/MANIFEST.md) and
scans each as one document. A flagged row is named by its ``source_label`` and the first ten hex
digits of the SHA-1 of its text. The JSON is rewritten after every dataset.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

CONTEXT = {"news_reporting", "human_rights_documentation", "religious_text", "academic", "counter_speech",
           "research", "satire", "fiction"}


def scan(cap: int, names: list[str], out: Path, shared: Path = Path("../shared")) -> None:
    from tvec import Scanner
    from tvec.evaluation.realtext import _kind_of
    from tvec.training.gathered import load_gathered
    from tvec.types import Document

    pools = defaultdict(list)
    for row in load_gathered(shared):
        if row.dataset in names and row.split == "test" and row.label == "neutral":
            pools[row.dataset].append(row)
    scanner = Scanner()
    result: dict[str, dict] = json.loads(out.read_text()) if out.is_file() else {}
    for name in names:
        items = pools[name]
        if len(items) > cap:
            items = random.Random(20240607).sample(items, cap)
        started, flagged, removed, rows = time.perf_counter(), 0, 0, []
        for i, row in enumerate(items):
            decision = scanner.scan(Document(id=f"{name}-{i}", text=row.text), ["UK"]).decision("UK")
            if not decision.flagged:
                continue
            flagged += 1
            removed += int(str(decision.action) == "remove")
            digest = hashlib.sha1(row.text.encode("utf-8")).hexdigest()[:10]
            rows.append({
                "id": f"{row.source_label}#sha1:{digest}", "action": str(decision.action),
                "categories": list(decision.categories), "rule": decision.rule,
                "signals": [{"detector": s.detector, "category": str(s.category), "score": round(s.score, 3),
                             "stages": s.evidence.get("stages"), "organisation_key": s.evidence.get("organisation_key")}
                            for s in decision.signals],
            })
        result[name] = {"kind": _kind_of(name), "lang": items[0].lang if items else None, "pool": len(pools[name]),
                        "rows": len(items), "flagged": flagged, "removed": removed,
                        "seconds": round(time.perf_counter() - started, 1), "flagged_rows": rows}
        print(name, len(items), flagged, removed, file=sys.stderr, flush=True)
        out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


def _fired(row: dict) -> str:
    parts = []
    for s in row["signals"]:
        if s["category"] in CONTEXT and s["detector"] in ("context", "classifier"):
            continue
        stage = "+".join(s["stages"] or []) or "-"
        org = f", org {s['organisation_key']}" if s.get("organisation_key") else ""
        parts.append(f"{s['detector']}/{s['category']} {s['score']:.2f} (stage {stage}{org})")
    context = sorted({s["category"] for s in row["signals"] if s["category"] in CONTEXT})
    return "; ".join(parts) + (f"; benign-genre signals: {', '.join(context)}" if context else "; no benign-genre signal")


def report(paths: list[Path]) -> str:
    data: dict[str, dict] = {}
    for path in paths:
        data.update(json.loads(path.read_text(encoding="utf-8")))
    lines = ["# Evaluation-only hard negatives: what the default Scanner flags", "",
             "Default Scanner (all detectors, default policy, UK) on a seeded sample of each evaluation-only set "
             "(data/MANIFEST.md). *Flagged* = review or remove. Row ids are `source_label#sha1:<first 10 hex of the "
             "text's SHA-1>`; no dataset text is reproduced. Produced by `eval/hardneg_fpr.py`.", "",
             "| dataset | kind | lang | rows scanned (of) | flagged | FPR | removed |", "|---|---|---|---|---|---|---|"]
    for name, v in data.items():
        rate = v["flagged"] / v["rows"] if v["rows"] else float("nan")
        lines.append(f"| {name} | {v['kind']} | {v['lang']} | {v['rows']} ({v['pool']:,}) | {v['flagged']} | "
                     f"{100 * rate:.1f}% | {v['removed']} |")
    for name, v in data.items():
        if not v["flagged_rows"]:
            continue
        what = Counter((tuple(r["categories"]), r["rule"]) for r in v["flagged_rows"])
        stages = Counter(f"{s['detector']}/{s['category']}/{'+'.join(s['stages'] or []) or '-'}"
                         for r in v["flagged_rows"] for s in r["signals"] if s["category"] not in CONTEXT)
        lines += ["", f"## {name}: {v['flagged']} flagged of {v['rows']}", "",
                  "By decision: " + "; ".join(f"{'+'.join(c)} via {rule} x{n}" for (c, rule), n in what.most_common()),
                  "", "Violating signals (detector/category/stage) on flagged rows: "
                  + "; ".join(f"{k} x{n}" for k, n in stages.most_common()), "",
                  "| row id | action | what fired |", "|---|---|---|"]
        lines += [f"| `{r['id'].replace('|', chr(92) + '|')}` | {r['action']} | {_fired(r)} |" for r in v["flagged_rows"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1] == "scan":
        scan(int(sys.argv[2]), sys.argv[3].split(","), Path(sys.argv[4]))
    else:
        sys.stdout.write(report([Path(p) for p in sys.argv[2:]]))
