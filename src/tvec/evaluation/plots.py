"""PNG plots for the evaluation report: PR curves, reliability diagrams, confusion matrices.

matplotlib is an optional dependency (the ``eval`` extra); it is imported lazily with the
headless Agg backend so that the scanner and the service never need it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from tvec.errors import ConfigurationError
from tvec.evaluation.metrics import Calibration, Confusion, PRCurve


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ConfigurationError("plots need matplotlib: pip install 'tvec[eval]'") from exc
    return plt


def _save(fig: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A fixed dpi and no embedded date keep the PNG bytes stable between identical runs.
    fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(fig)
    return path


def plot_pr_curves(curves: Mapping[str, PRCurve], path: Path, title: str) -> Path:
    """One precision-recall curve per label (category or dataset), AP in the legend."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 5))
    for label, curve in curves.items():
        if curve.recall.size == 0:
            continue
        recall = np.r_[0.0, curve.recall]
        precision = np.r_[curve.precision[0], curve.precision]
        ax.step(recall, precision, where="post", label=f"{label} (AP {curve.average_precision:.2f})")
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower left")
    return _save(fig, path)


def plot_reliability(calibrations: Mapping[str, Calibration], path: Path, title: str) -> Path:
    """Reliability diagram: observed positive rate against mean score per bin, ECE in the legend."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="perfectly calibrated")
    for label, cal in calibrations.items():
        filled = cal.counts > 0
        ax.plot(
            cal.mean_score[filled],
            cal.observed_rate[filled],
            marker="o",
            markersize=3,
            label=f"{label} (ECE {cal.ece:.3f})",
        )
    ax.set_xlabel("mean predicted score")
    ax.set_ylabel("observed positive rate")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper left")
    return _save(fig, path)


def plot_confusion(matrix: Confusion, path: Path, title: str, labels: tuple[str, str] = ("allowed", "violating")) -> Path:
    plt = _pyplot()
    counts = matrix.as_matrix()
    fig, ax = plt.subplots(figsize=(4, 3.6))
    ax.imshow(counts, cmap="Blues")
    for i in range(2):
        for j in range(2):
            colour = "white" if counts[i, j] > counts.max() / 2 else "black"
            ax.text(j, i, f"{counts[i, j]:,}", ha="center", va="center", color=colour)
    ax.set_xticks([0, 1], [f"pred {labels[0]}", f"pred {labels[1]}"])
    ax.set_yticks([0, 1], [f"true {labels[0]}", f"true {labels[1]}"])
    ax.set_title(title, fontsize=10)
    return _save(fig, path)


def plot_shares(shares: Mapping[str, tuple[float, float, float]], path: Path, title: str) -> Path:
    """Horizontal bars of a share (with its interval) per row, e.g. HateCheck functionalities."""
    plt = _pyplot()
    names = list(shares)
    values = np.array([shares[n][0] for n in names])
    low = values - np.array([shares[n][1] for n in names])
    high = np.array([shares[n][2] for n in names]) - values
    fig, ax = plt.subplots(figsize=(6.5, 0.25 * len(names) + 1.2))
    ax.barh(range(len(names)), values, xerr=[low, high], color="steelblue", ecolor="black", capsize=2)
    ax.set_yticks(range(len(names)), names, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share flagged")
    ax.set_title(title, fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    return _save(fig, path)
