"""The transparency report: what tvec's decisions amounted to over a period, for the DSA
(Art. 15/24) and TCO (Art. 7) reports - counts by category, action, jurisdiction and automation,
the time from receipt to action, removal orders, appeals and reversals.

Everything is counted from the decision log as recorded; nothing is re-scanned or re-decided.
A decision listing two categories counts once under each (so the category counts can add up to
more than the number of decisions, as in the DSA's own templates).
"""

from __future__ import annotations

import datetime as dt
import html
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from tvec.errors import InputError
from tvec.outbound.sor import enums, primary_dsa_category
from tvec.store.models import Appeal, Case, DecisionRecord, RemovalOrder, StoredDocument, utcnow

RESTRICTING_ACTIONS = ("remove", "restrict", "label")
REPORT_VERSION = 1


def transparency_report(session: Session, *, start: dt.datetime, end: dt.datetime) -> dict[str, Any]:
    """The report for decisions, appeals and orders dated in ``[start, end)`` as a JSON-able dict."""
    for name, value in (("start", start), ("end", end)):
        if value.tzinfo is None:
            raise InputError("transparency report", f"{name} {value.isoformat()} has no time zone; pass UTC")
    if end <= start:
        raise InputError("transparency report", f"end {end.isoformat()} is not after start {start.isoformat()}")

    decisions = _decisions(session, start, end)
    # a decision that keeps the restriction the one it supersedes imposed (an upheld appeal, a
    # reviewer confirming an automated removal) restricts nothing new: counting it would count
    # one removal twice and add the appeal's delay to the time to action
    restrictions = [d for d in decisions if d["action"] in RESTRICTING_ACTIONS and not d["restates"]]
    delays = [d["delay"] for d in restrictions if d["delay"] is not None]
    delays_by = {
        mode: [d["delay"] for d in restrictions if d["delay"] is not None and d["automation"] == mode]
        for mode in ("automated", "human")
    }
    appeals = _appeals(session, start, end)
    return {
        "report_version": REPORT_VERSION,
        "period": {"start": _iso(start), "end": _iso(end)},
        "generated_at": _iso(utcnow()),
        "documents_received": session.scalar(
            select(func.count()).select_from(StoredDocument)
            .where(StoredDocument.received_at >= start, StoredDocument.received_at < end)
        ) or 0,
        "decisions": {
            "total": len(decisions),
            "by_action": _count(d["action"] for d in decisions),
            "by_kind": _count(d["kind"] for d in decisions),
            "by_automation": _count(d["automation"] for d in decisions),
            "by_jurisdiction": _count(d["jurisdiction"] for d in decisions),
        },
        "restrictions": {
            "total": len(restrictions),
            "by_action": _count(d["action"] for d in restrictions),
            "by_category": _count(c for d in restrictions for c in (d["categories"] or ["uncategorised"])),
            # as the DSA statements name them: one per restriction
            "by_dsa_category": _count(_dsa_label(d["categories"]) for d in restrictions),
            "by_jurisdiction": _count(d["jurisdiction"] for d in restrictions),
            "by_automation": _count(d["automation"] for d in restrictions),
            "by_detection": _count("automated" if d["detected"] else "human" for d in restrictions),
        },
        "time_to_action": {
            "count": len(delays),
            "median_seconds": _median(delays),
            "p90_seconds": _quantile(delays, 0.9),
            "median_seconds_by_automation": {mode: _median(values) for mode, values in delays_by.items()},
        },
        "cases": _cases(session, start, end),
        "removal_orders": _orders(session, start, end),
        "appeals": appeals,
        "reversal_rate": appeals["reversal_rate"],
    }


def _decisions(session: Session, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    previous = aliased(DecisionRecord)
    rows = session.execute(
        select(
            DecisionRecord.action, DecisionRecord.kind, DecisionRecord.jurisdiction, DecisionRecord.categories,
            DecisionRecord.automated_detection, DecisionRecord.automated_decision, DecisionRecord.decided_at,
            StoredDocument.received_at, previous.action, previous.jurisdiction,
        )
        .join(StoredDocument, StoredDocument.id == DecisionRecord.document_id)
        .outerjoin(previous, previous.id == DecisionRecord.supersedes_id)
        .where(DecisionRecord.decided_at >= start, DecisionRecord.decided_at < end)
        .execution_options(yield_per=1000)
    )
    out = []
    for (action, kind, jurisdiction, categories, detected, automated, decided_at, received_at,
         previous_action, previous_jurisdiction) in rows:
        delay = (decided_at - received_at).total_seconds() if decided_at and received_at else None
        out.append({
            "action": action, "kind": kind, "jurisdiction": jurisdiction,
            "categories": [str(c) for c in (categories or [])],
            "detected": bool(detected),
            # an automated-kind decision took no person, whatever its flag says (the store sets
            # automated_decision only for automated removals, the DSA-relevant case)
            "automation": "automated" if automated or kind == "automated" else "human",
            "delay": max(0.0, delay) if delay is not None else None,
            "restates": previous_action == action and previous_jurisdiction == jurisdiction,
        })
    return out


def _dsa_label(categories: list[str]) -> str:
    key = primary_dsa_category(categories)
    return enums().labels.get(key, key) if key else "not mapped"


def _appeals(session: Session, start: dt.datetime, end: dt.datetime) -> dict[str, Any]:
    filed = session.scalar(
        select(func.count()).select_from(Appeal).where(Appeal.filed_at >= start, Appeal.filed_at < end)
    ) or 0
    outcomes = Counter(
        status for (status,) in session.execute(
            select(Appeal.status).where(Appeal.decided_at >= start, Appeal.decided_at < end)
        )
    )
    decided = outcomes.get("upheld", 0) + outcomes.get("overturned", 0)
    return {
        "filed": filed,
        "decided": decided,
        "upheld": outcomes.get("upheld", 0),
        "overturned": outcomes.get("overturned", 0),
        "open_at_end": session.scalar(
            select(func.count()).select_from(Appeal)
            .where(Appeal.filed_at < end, (Appeal.decided_at.is_(None)) | (Appeal.decided_at >= end))
        ) or 0,
        # share of appeal decisions in the period that reversed the appealed decision
        "reversal_rate": round(outcomes.get("overturned", 0) / decided, 4) if decided else None,
    }


def _cases(session: Session, start: dt.datetime, end: dt.datetime) -> dict[str, Any]:
    opened = session.scalar(
        select(func.count()).select_from(Case).where(Case.created_at >= start, Case.created_at < end)
    ) or 0
    queues = _count(q for (q,) in session.execute(
        select(Case.queue).where(Case.created_at >= start, Case.created_at < end)))
    reviewed = session.scalar(
        select(func.count()).select_from(DecisionRecord)
        .where(DecisionRecord.kind == "review", DecisionRecord.decided_at >= start, DecisionRecord.decided_at < end)
    ) or 0
    return {"opened": opened, "by_queue": queues, "human_review_decisions": reviewed}


def _orders(session: Session, start: dt.datetime, end: dt.datetime) -> dict[str, Any]:
    rows = session.execute(
        select(RemovalOrder.member_state, RemovalOrder.deadline_at, RemovalOrder.complied_at)
        .where(RemovalOrder.received_at >= start, RemovalOrder.received_at < end)
    ).all()
    complied = [r for r in rows if r.complied_at is not None]
    return {
        "received": len(rows),
        "by_member_state": _count(r.member_state for r in rows),
        "complied": len(complied),
        "complied_within_deadline": sum(1 for r in complied if r.complied_at <= r.deadline_at),
        "not_complied": len(rows) - len(complied),
    }


def _count(values: Iterable[str]) -> dict[str, int]:
    """Counts, largest first (ties by name) - the order the charts show them in."""
    counts = Counter(values)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 3)


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;
color:#1d2430;background:#fff;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d5dae1;
padding-bottom:.2rem}.muted{color:#5b6675}.tiles{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.tile{border:1px solid #d5dae1;border-radius:6px;padding:.6rem .9rem;min-width:9rem}
.tile b{display:block;font-size:1.4rem}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(28rem,1fr));
gap:1rem}figure{margin:0}figcaption{font-weight:600;margin:.6rem 0 .2rem}
table{border-collapse:collapse;margin:.4rem 0;align-self:start}td,th{padding:.15rem .6rem;border-bottom:1px solid #eceff3;
text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
"""
_BAR_COLOURS = ("#2f6fb0", "#c0504d", "#4f8f3a", "#8064a2", "#d08a1c", "#3aa0a8", "#7a7f87")


def transparency_html(report: Mapping[str, Any]) -> str:
    """A self-contained page: inline CSS and SVG bar charts, no scripts and no external files,
    so it can be archived, mailed or published as is."""
    period = report["period"]
    decisions, restrictions = report["decisions"], report["restrictions"]
    timing, appeals, orders = report["time_to_action"], report["appeals"], report["removal_orders"]
    tiles = [
        ("Documents received", str(report["documents_received"])),
        ("Decisions", str(decisions["total"])),
        ("Restrictions", str(restrictions["total"])),
        ("Median time to action", _duration(timing["median_seconds"])),
        ("Appeals filed", str(appeals["filed"])),
        ("Reversal rate", _percent(report["reversal_rate"])),
    ]
    charts = [
        ("Restrictions by category", restrictions["by_category"]),
        ("Restrictions by DSA statement category", restrictions["by_dsa_category"]),
        ("Restrictions by action", restrictions["by_action"]),
        ("Restrictions by jurisdiction", restrictions["by_jurisdiction"]),
        ("Restrictions: automated or human decision", restrictions["by_automation"]),
        ("All decisions by action", decisions["by_action"]),
        ("All decisions by jurisdiction", decisions["by_jurisdiction"]),
    ]
    appeal_counts = {"filed": appeals["filed"], "decided": appeals["decided"], "upheld": appeals["upheld"],
                     "overturned": appeals["overturned"], "open at the end": appeals["open_at_end"]}
    by_mode = timing["median_seconds_by_automation"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Transparency report {_e(period['start'][:10])} to {_e(period['end'][:10])}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Transparency report</h1>",
        (f'<p class="muted">Decisions dated from {_e(period["start"])} up to (not including) {_e(period["end"])}. '
         f"Generated {_e(report['generated_at'])}. A decision listing several categories counts under each.</p>"),
        '<div class="tiles">'
        + "".join(f'<div class="tile"><span class="muted">{_e(label)}</span><b>{_e(value)}</b></div>'
                  for label, value in tiles)
        + "</div>",
        "<h2>Decisions and restrictions</h2>",
        '<div class="grid">' + "".join(_figure(title, counts) for title, counts in charts) + "</div>",
        "<h2>Time to action</h2>",
        "<p>From receipt of the content to the restricting decision.</p>",
        _table([
            ("Restrictions timed", str(timing["count"])),
            ("Median", _duration(timing["median_seconds"])),
            ("90th percentile", _duration(timing["p90_seconds"])),
            ("Median, automated decisions", _duration(by_mode.get("automated"))),
            ("Median, human decisions", _duration(by_mode.get("human"))),
        ]),
        "<h2>Appeals</h2>",
        '<div class="grid">' + _figure("Appeals", appeal_counts, keep_order=True) + _table([
            ("Reversal rate (overturned / decided)", _percent(appeals["reversal_rate"])),
        ]) + "</div>",
        "<h2>Removal orders (Regulation (EU) 2021/784)</h2>",
        _table([
            ("Received", str(orders["received"])),
            ("Complied", str(orders["complied"])),
            ("Complied within the deadline", str(orders["complied_within_deadline"])),
            ("Not complied (yet)", str(orders["not_complied"])),
        ]),
        "<h2>Review cases</h2>",
        _table([("Cases opened", str(report["cases"]["opened"])),
                ("Human review decisions", str(report["cases"]["human_review_decisions"]))]
               + [(f"Opened in queue {q}", str(n)) for q, n in report["cases"]["by_queue"].items()]),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def bar_chart_svg(title: str, counts: Mapping[str, int], *, keep_order: bool = False) -> str:
    """A horizontal bar chart as an inline SVG element (labels left, bars, values right)."""
    items = list(counts.items()) if keep_order else sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    width, label_w, value_w, bar_h, gap, top = 440, 175, 50, 18, 6, 4
    if not items:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="28" '
                f'aria-label="{_e(title)}: no data"><text x="0" y="18" font-size="13" fill="#5b6675">'
                "No data in this period</text></svg>")
    peak = max(v for _, v in items) or 1
    height = top + len(items) * (bar_h + gap)
    rows = []
    for i, (label, value) in enumerate(items):
        y = top + i * (bar_h + gap)
        bar = 0 if value == 0 else max(1.0, (width - label_w - value_w) * value / peak)
        colour = _BAR_COLOURS[i % len(_BAR_COLOURS)]
        short = label if len(label) <= 27 else label[:26] + "…"
        rows.append(
            f'<g><title>{_e(label)}: {value}</title>'
            f'<text x="{label_w - 6}" y="{y + bar_h - 5}" font-size="12" text-anchor="end" fill="#1d2430">'
            f"{_e(short)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{bar:.1f}" height="{bar_h}" rx="2" fill="{colour}"/>'
            f'<text x="{label_w + bar + 5:.1f}" y="{y + bar_h - 5}" font-size="12" fill="#1d2430">{value}</text></g>'
        )
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" aria-label="{_e(title)}">' + "".join(rows) + "</svg>")


def _figure(title: str, counts: Mapping[str, int], *, keep_order: bool = False) -> str:
    return (f"<figure><figcaption>{_e(title)}</figcaption>"
            f"{bar_chart_svg(title, counts, keep_order=keep_order)}</figure>")


def _table(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f'<tr><th>{_e(k)}</th><td class="n">{_e(v)}</td></tr>' for k, v in rows) + "</table>"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 60:
        return f"{seconds:.1f} s"
    if seconds < 3600:
        return f"{seconds / 60:.1f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def _percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate * 100:.1f} %"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)
