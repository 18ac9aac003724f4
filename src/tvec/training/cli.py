"""``tvec train``: retrain the first-stage linear model from the public datasets (or a subset)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from tvec.errors import TvecError
from tvec.model.linear import FeatureConfig, LinearModel
from tvec.training.train import TrainConfig, train_from_shared, write_model


def _default_shared() -> Path:
    return Path.cwd().parent / "shared"


@click.command("train")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="folder holding data/ with the datasets  [default: ../shared]")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("model"),
              show_default=True, help="where to write the model directory")
@click.option("--seed", type=int, default=0, show_default=True, help="seed of the optimiser")
@click.option("--datasets", help="comma-separated datasets to train on (default: every trainable one)")
@click.option("--mask-identities/--no-mask-identities", default=True, show_default=True,
              help="drop identity and religious words from the features (tvec.model.identity_terms)")
def train(shared: Path | None, out_dir: Path, seed: int, datasets: str | None, mask_identities: bool) -> None:
    """Train the linear first stage, print validation metrics and write the model with its card."""
    shared = shared if shared is not None else _default_shared()
    names = tuple(n.strip() for n in datasets.split(",") if n.strip()) if datasets else None
    started = time.perf_counter()

    def log(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:6.1f}s] {message}", err=True)

    try:
        config = TrainConfig(seed=seed, datasets=names, features=FeatureConfig(mask_identities=mask_identities))
        result = train_from_shared(shared, config, log)
        write_model(result, out_dir)
        tick = time.perf_counter()
        LinearModel.load(out_dir)
        load_s = time.perf_counter() - tick
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("category\tn\tpositives\tprecision\trecall\tf1\tavg_precision")
    for category, m in result.validation.items():
        click.echo(f"{category}\t{m.n}\t{m.positives}\t{m.precision:.3f}\t{m.recall:.3f}\t{m.f1:.3f}\t"
                   f"{m.average_precision:.3f}")
    for category, why in result.skipped.items():
        click.echo(f"{category}\tnot trained: {why}")
    size = sum(p.stat().st_size for p in out_dir.iterdir() if p.is_file())
    click.echo(f"wrote {out_dir} ({size / 1e6:.1f} MB, loads in {load_s:.2f}s) after {result.seconds:.0f}s of training")
