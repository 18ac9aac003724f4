"""What a whole corpus scan found: counts and the most re-posted known items, with plots.

The counting runs in Spark over the scan's own output (so it scales with the scan, and only
small tables reach the driver); the writing is plain Markdown plus PNG plots from matplotlib
(the ``report`` extra), which a researcher can paste into a paper or a platform into a
transparency report.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tvec.errors import ConfigurationError
from tvec.types import Action

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

ERROR = "error"  # the verdict of rows that could not be scanned
_ACTIONS = [str(a) for a in sorted(Action, key=lambda a: a.severity)]


@dataclass(frozen=True)
class CorpusSummary:
    """Counts of documents (not of signals): a document with three mentions of one
    organisation counts once for it."""

    documents: int
    by_verdict: dict[str, int]
    by_jurisdiction: dict[str, dict[str, int]]  # jurisdiction -> action -> documents
    by_category: dict[str, dict[str, int]]  # jurisdiction -> category -> documents
    organisations: list[dict[str, Any]]  # organisation, documents, flagged, attribution, mention
    clusters: list[dict[str, Any]]  # entry_id, label, organisation, documents, exact, near_duplicate
    top: int = field(default=20)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def corpus_summary(scanned: DataFrame, top: int = 20) -> CorpusSummary:
    """Count a ``scan_dataframe`` / ``tvec scan --engine spark`` output."""
    from pyspark.sql import functions as F

    missing = {"id", "action", "decisions", "signals"} - set(scanned.columns)
    if missing:
        raise ConfigurationError(f"not a tvec scan output: no column(s) {', '.join(sorted(missing))}")
    verdicts = {
        (r["verdict"]): r["n"]
        for r in scanned.groupBy(F.coalesce("action", F.lit(ERROR)).alias("verdict"))
        .count()
        .withColumnRenamed("count", "n")
        .collect()
    }
    decisions = scanned.select("id", F.explode("decisions").alias("d"))
    by_jurisdiction: dict[str, dict[str, int]] = {}
    for r in decisions.groupBy("d.jurisdiction", "d.action").count().collect():
        by_jurisdiction.setdefault(r["jurisdiction"], {})[r["action"]] = r["count"]
    by_category: dict[str, dict[str, int]] = {}
    categories = decisions.select("id", "d.jurisdiction", F.explode("d.categories").alias("category"))
    for r in categories.groupBy("jurisdiction", "category").agg(F.countDistinct("id").alias("n")).collect():
        by_category.setdefault(r["jurisdiction"], {})[r["category"]] = r["n"]
    signals = scanned.select("id", "flagged", F.explode("signals").alias("s")).select(
        "id",
        "flagged",
        "s.detector",
        "s.category",
        "s.score",
        F.get_json_object("s.evidence_json", "$.organisation").alias("organisation"),
        F.get_json_object("s.evidence_json", "$.entry_id").alias("entry_id"),
        F.get_json_object("s.evidence_json", "$.label").alias("label"),
        F.get_json_object("s.evidence_json", "$.match").alias("match"),
    )
    organisations = (
        signals.where(F.col("organisation").isNotNull())
        .groupBy("organisation")
        .agg(
            F.countDistinct("id").alias("documents"),
            F.countDistinct(F.when(F.col("flagged"), F.col("id"))).alias("flagged"),
            F.countDistinct(F.when(F.col("category") == "attribution", F.col("id"))).alias("attribution"),
            F.countDistinct(F.when(F.col("category") == "organisation_mention", F.col("id"))).alias(
                "mention"
            ),
        )
        .orderBy(F.desc("documents"), "organisation")
        .limit(top)
    )
    clusters = (
        signals.where((F.col("detector") == "banks") & F.col("entry_id").isNotNull())
        .groupBy("entry_id")
        .agg(
            F.countDistinct("id").alias("documents"),
            F.countDistinct(F.when(F.col("match") == "exact", F.col("id"))).alias("exact"),
            F.countDistinct(F.when(F.col("match") != "exact", F.col("id"))).alias("near_duplicate"),
            F.round(F.max("score"), 4).alias("best_similarity"),
            F.first("label", ignorenulls=True).alias("label"),
            F.first("organisation", ignorenulls=True).alias("organisation"),
        )
        .orderBy(F.desc("documents"), "entry_id")
        .limit(top)
    )
    return CorpusSummary(
        documents=sum(verdicts.values()),
        by_verdict=dict(sorted(verdicts.items(), key=lambda kv: _order(kv[0]))),
        by_jurisdiction={
            j: dict(sorted(a.items(), key=lambda kv: _order(kv[0])))
            for j, a in sorted(by_jurisdiction.items())
        },
        by_category={
            j: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for j, c in sorted(by_category.items())
        },
        organisations=[r.asDict() for r in organisations.collect()],
        clusters=[r.asDict() for r in clusters.collect()],
        top=top,
    )


def _order(verdict: str) -> int:
    return _ACTIONS.index(verdict) if verdict in _ACTIONS else len(_ACTIONS)


def _plt():
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ConfigurationError("report plots need matplotlib: pip install 'tvec[report]'") from exc
    return plt


def _bar(plt, labels: list[str], values: list[int], title: str, path: Path, horizontal: bool = False) -> None:
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.35 * len(labels) + 1.5) if horizontal else 4))
    if horizontal:
        ax.barh(labels[::-1], values[::-1], color="#4c72b0")
        ax.set_xlabel("documents")
    else:
        ax.bar(labels, values, color="#4c72b0")
        ax.set_ylabel("documents")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _stacked(plt, table: dict[str, dict[str, int]], keys: list[str], title: str, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(8, 4))
    groups = list(table)
    bottom = [0] * len(groups)
    for key in keys:
        values = [table[g].get(key, 0) for g in groups]
        ax.bar(groups, values, bottom=bottom, label=key)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("documents")
    ax.set_title(title)
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _table(rows: list[dict[str, Any]], columns: list[str]) -> list[str]:
    if not rows:
        return ["(none)"]
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        out.append(
            "| "
            + " | ".join("" if row.get(c) is None else str(row.get(c)).replace("|", "\\|") for c in columns)
            + " |"
        )
    return out


def write_report(summary: CorpusSummary, folder: Path, title: str = "tvec corpus report") -> Path:
    """Write ``report.md``, ``summary.json`` and the PNG plots into ``folder``; return the
    report's path."""
    plt = _plt()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "summary.json").write_text(
        json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    _bar(
        plt,
        list(summary.by_verdict),
        list(summary.by_verdict.values()),
        "most severe action per document",
        folder / "verdicts.png",
    )
    _stacked(plt, summary.by_jurisdiction, _ACTIONS, "action per jurisdiction", folder / "jurisdictions.png")
    categories = sorted({c for cats in summary.by_category.values() for c in cats})
    if categories:
        flipped = {c: {j: summary.by_category[j].get(c, 0) for j in summary.by_category} for c in categories}
        _stacked(
            plt,
            flipped,
            list(summary.by_category),
            "documents per category (by jurisdiction)",
            folder / "categories.png",
        )
    if summary.organisations:
        _bar(
            plt,
            [o["organisation"] for o in summary.organisations],
            [o["documents"] for o in summary.organisations],
            "documents naming or attributed to an organisation",
            folder / "organisations.png",
            horizontal=True,
        )
    if summary.clusters:
        _bar(
            plt,
            [c["entry_id"] for c in summary.clusters],
            [c["documents"] for c in summary.clusters],
            "most re-posted known items (bank entries)",
            folder / "clusters.png",
            horizontal=True,
        )
    lines = [
        f"# {title}",
        "",
        f"{summary.documents} documents.",
        "",
        "## Verdicts (most severe action over the jurisdictions)",
        "",
    ]
    lines += _table(
        [{"verdict": k, "documents": v} for k, v in summary.by_verdict.items()], ["verdict", "documents"]
    )
    lines += ["", "![verdicts](verdicts.png)", "", "## Per jurisdiction", ""]
    lines += _table(
        [{"jurisdiction": j, **a} for j, a in summary.by_jurisdiction.items()], ["jurisdiction", *_ACTIONS]
    )
    lines += [
        "",
        "![jurisdictions](jurisdictions.png)",
        "",
        "## Categories (documents whose decision names them)",
        "",
    ]
    lines += _table(
        [
            {"category": c, **{j: summary.by_category[j].get(c, 0) for j in summary.by_category}}
            for c in categories
        ],
        ["category", *summary.by_category],
    )
    if categories:
        lines += ["", "![categories](categories.png)"]
    lines += [
        "",
        f"## Organisations (top {summary.top})",
        "",
        "Documents with a signal naming the organisation; attribution = signed by it or its media wing.",
        "",
    ]
    lines += _table(summary.organisations, ["organisation", "documents", "flagged", "attribution", "mention"])
    if summary.organisations:
        lines += ["", "![organisations](organisations.png)"]
    lines += [
        "",
        f"## Near-duplicate clusters (top {summary.top})",
        "",
        "Known items of the bank matched by the most documents: how often a release was re-posted.",
        "",
    ]
    lines += _table(
        summary.clusters,
        ["entry_id", "label", "organisation", "documents", "exact", "near_duplicate", "best_similarity"],
    )
    if summary.clusters:
        lines += ["", "![clusters](clusters.png)"]
    report = folder / "report.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report


def load_scanned(spark, path: str) -> DataFrame:
    """The scan output at ``path``, or a ConfigurationError naming it."""
    try:
        return spark.read.parquet(path)
    except Exception as exc:  # AnalysisException: missing or not Parquet
        raise ConfigurationError(
            f"{path}: cannot read as a scan output ({str(exc).splitlines()[0]})"
        ) from exc
