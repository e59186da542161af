"""Plotly figures as plain JSON-ready dicts (the browser draws them with the plotly.js that
ships inside the plotly wheel; nothing here imports plotly)."""

from __future__ import annotations

COOPERATION_COLOUR = "#2f7d5b"
CONFLICT_COLOUR = "#b5413a"
BALANCE_COLOUR = "#2b4c7e"


def cooperation_conflict(series: list[dict], title: str) -> dict:
    """Yearly cooperation (up) and conflict (down) bars with the balance as a line."""
    years = [row["year"] for row in series]
    span = (max(years) - min(years)) if years else 0
    return {
        "data": [
            {"type": "bar", "name": "cooperation", "x": years, "y": [row["cooperation"] for row in series],
             "marker": {"color": COOPERATION_COLOUR}},
            {"type": "bar", "name": "conflict", "x": years, "y": [-row["conflict"] for row in series],
             "marker": {"color": CONFLICT_COLOUR}},
            # markers, not a line: a line would invent values for the years between two records
            {"type": "scatter", "mode": "markers", "name": "balance", "x": years,
             "y": [row["cooperation"] - row["conflict"] for row in series],
             "marker": {"color": BALANCE_COLOUR, "symbol": "diamond", "size": 9}},
        ],
        "layout": {"title": {"text": title}, "barmode": "relative", "height": 320,
                   "margin": {"l": 50, "r": 20, "t": 50, "b": 40},
                   "xaxis": {"title": {"text": "year"}, "dtick": 1 if span < 16 else None},
                   "yaxis": {"title": {"text": "weighted records"}}, "legend": {"orientation": "h", "y": -0.2}},
    }


def dyad_balance(dyads: list[dict]) -> dict:
    """One horizontal bar pair per dyad: cooperation to the right, conflict to the left."""
    labels = [_short(f"{d['a_name']} – {d['b_name']}") for d in dyads][::-1]
    return {
        "data": [
            {"type": "bar", "orientation": "h", "name": "cooperation", "y": labels,
             "x": [d["cooperation"] for d in dyads][::-1], "marker": {"color": COOPERATION_COLOUR}},
            {"type": "bar", "orientation": "h", "name": "conflict", "y": labels,
             "x": [-d["conflict"] for d in dyads][::-1], "marker": {"color": CONFLICT_COLOUR}},
        ],
        "layout": {"barmode": "relative", "height": max(220, 34 * len(dyads) + 80),
                   "margin": {"l": 10, "r": 20, "t": 20, "b": 40}, "legend": {"orientation": "h", "y": -0.15},
                   "yaxis": {"automargin": True},
                   "xaxis": {"title": {"text": "← conflict · cooperation →"}}},
    }


def _short(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[:width - 1] + "…"
