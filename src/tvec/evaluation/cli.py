"""``tvec eval``: score the shipped (or a given) model and the detector stack on the public
datasets, HateCheck, the news negatives and the seeds; write REPORT.md/.html and PNG plots.

The command only wires inputs to :func:`tvec.evaluation.suite.run_evaluation`; every number is
computed there and in :mod:`tvec.evaluation.metrics`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from tvec.errors import TvecError
from tvec.evaluation.metrics import DEFAULT_RESAMPLES, DEFAULT_SEED

STACK_DETECTORS = ("classifier", "context")


def _shared_dir(value: Path | None) -> Path:
    """--shared, else TVEC_SHARED_DIR, else ../shared (the layout of a project checkout)."""
    path = value or Path(os.environ.get("TVEC_SHARED_DIR", "../shared"))
    if not (path / "data").is_dir():
        raise click.BadParameter(f"{path} has no data/ folder (point --shared at the shared folder)", param_hint="--shared")
    return path


def _say(message: str, started: float) -> None:
    click.echo(f"[{time.perf_counter() - started:6.1f}s] {message}", err=True)


@click.command("eval")
@click.option("--shared", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="the shared folder holding data/ and seeds/  [default: TVEC_SHARED_DIR or ../shared]")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("eval/reports"),
              show_default=True, help="folder for REPORT.<format> and the PNG plots")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--quick", is_flag=True, help="subsample every input (seeded) for a fast smoke run")
@click.option("--model", "model_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="LinearModel directory for the `linear` system  [default: the shipped model]")
@click.option("--stack/--no-stack", default=True, show_default=True,
              help="also run the classifier+context detectors through the Scanner and the policy")
@click.option("--resamples", type=click.IntRange(min=10), default=DEFAULT_RESAMPLES, show_default=True,
              help="bootstrap resamples per interval")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="seed of bootstraps and subsamples")
@click.option("--in-domain/--no-in-domain", "in_domain", default=True, show_default=True,
              help="also train the linear architecture on each published baseline's own training split "
                   "(like for like with the published in-domain models; capped rows under --quick)")
@click.option("--real-text/--no-real-text", "real_text", default=True, show_default=True,
              help="also scan held-out real text end to end (REALTEXT.md: per language, per hard negative)")
@click.option("--real-text-only", is_flag=True, help="only the real-text evaluation (REALTEXT.md)")
@click.option("--real-text-rows", type=click.IntRange(min=10), default=600, show_default=True,
              help="most rows per dataset and class in the real-text evaluation (seeded sample)")
def eval_command(
    shared: Path | None, out: Path, fmt: str, quick: bool, model_dir: Path | None, stack: bool, resamples: int, seed: int,
    in_domain: bool, real_text: bool, real_text_only: bool, real_text_rows: int,
) -> None:
    """Evaluate the classifier: per-category P/R/F1 with bootstrap CIs, PR and calibration plots,
    confusion matrices, per-dataset and per-language tables, published baselines, HateCheck per
    functionality, false positives on news, and the seed documents."""
    from tvec.training.data import load_corpus, load_corpus_keyed
    from tvec.evaluation.inputs import load_hatecheck, load_news, load_seeds
    from tvec.evaluation.predictors import LinearPredictor, stack_predictor
    from tvec.evaluation.suite import BASELINES, EvalConfig, EvalInputs, run_evaluation
    from tvec.model.linear import LinearModel

    started = time.perf_counter()
    shared = _shared_dir(shared)
    if real_text or real_text_only:
        from tvec.evaluation import realtext

        rows = min(real_text_rows, 100) if quick else real_text_rows
        _say(f"real text: scanning held-out rows end to end (at most {rows} per dataset and class)", started)
        try:
            _say(f"wrote {realtext.run(shared, out, rows)}", started)
        except TvecError as exc:
            raise click.ClickException(str(exc)) from exc
        if real_text_only:
            return
    try:
        _say("loading the deduplicated corpus (validation and test splits)", started)
        corpus = [row for row in load_corpus(shared) if row.split in ("validation", "test")]
        in_domain_rows = []
        if in_domain:
            # each benchmark deduplicated on its own (against its own test split and the
            # evaluation-only sets), so its training split is not thinned by other corpora
            _say("loading the published baselines' own train and validation splits", started)
            for name in dict.fromkeys(task.dataset for task in BASELINES):
                rows, _ = load_corpus_keyed(shared, [name])
                in_domain_rows += [(row, key) for row, key in rows if row.split in ("train", "validation")]
        inputs = EvalInputs(
            corpus=corpus,
            hatecheck=load_hatecheck(shared),
            news=load_news(shared),
            seeds=load_seeds(shared),
            in_domain=in_domain_rows,
        )
        _say("loading the model and detectors", started)
        predictors = [LinearPredictor(LinearModel.load(model_dir))]
        seed_predictors = {}
        if stack:
            main = stack_predictor(STACK_DETECTORS, "stack")
            predictors.append(main)
            seed_predictors = {
                "organisations on": stack_predictor(("organisations", *STACK_DETECTORS), "stack+organisations"),
                "organisations off": main,
            }
        _say(f"scoring {len(corpus):,} labelled rows, {len(inputs.hatecheck):,} HateCheck cases, "
             f"{len(inputs.news):,} news items" + (" before subsampling (--quick)" if quick else ""), started)
        report = run_evaluation(
            inputs, predictors, out, fmt=fmt,
            config=EvalConfig(resamples=resamples, seed=seed, quick=quick),
            seed_predictors=seed_predictors,
        )
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc
    _say(f"wrote {report}", started)
