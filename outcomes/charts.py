"""Charts of the outcome dashboard, drawn on the server as SVG with matplotlib.

Why server-side SVG: the admin needs no JavaScript, nothing comes from a CDN, the image is
sharp at any zoom, and the same figures feed the chart, its text alternative and the
spreadsheet. Charts are readable without colour: each series has its own hatching, every
bar carries its value, and the legend repeats the hatching. matplotlib's object API is
used (no ``pyplot``), so nothing global changes between requests. Drawing takes tens of
milliseconds per chart, so drawn charts are cached by their content.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display on a server; set before anything draws

from django.core.cache import cache
from matplotlib.figure import Figure

# Dark enough for white labels to be unnecessary and distinct in greyscale too.
COLOURS = ["#0b4f8a", "#b3541e", "#3b7d23", "#6b3d8f", "#8a6d0b"]
HATCHES = ["", "///", "...", "xxx", "\\\\\\"]
CACHE_SECONDS = 24 * 60 * 60
DRAWING_VERSION = 2  # change when the drawing code changes, so cached charts are redrawn
RC = {
    "svg.fonttype": "none",  # text stays text: selectable, scalable, read by the page's font
    "svg.hashsalt": "sil-outcomes",  # stable element ids: the same figures give the same SVG
    "font.family": "sans-serif",
    "font.size": 10,
}


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its title, the SVG as a data URI for ``<img>``, and its text alternative."""

    title: str
    data_uri: str
    description: str


def grouped_bars(
    *,
    title: str,
    groups: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], Sequence[str]]],
    description: str,
    percent: bool = False,
) -> Chart:
    """Horizontal bars: one block per group (district, promoter…), one hatched bar per series.

    Each series is (name, values, value labels): the labels are written at the end of the bars
    so the chart reads without the axis; a None value draws no bar but keeps its label ("n/a").
    """
    # A chart depends only on what it shows: the same figures (and language) give the same SVG,
    # so a drawn chart is kept in the cache and the dashboard redraws only what changed.
    drawn = [[name, list(values), list(labels)] for name, values, labels in series]
    signature = json.dumps([DRAWING_VERSION, title, list(groups), drawn, percent])
    key = "outcomes:chart:" + hashlib.sha256(signature.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = _draw(title=title, groups=groups, series=series, percent=percent)
        cache.set(key, svg, CACHE_SECONDS)
    encoded = base64.b64encode(svg).decode("ascii")
    return Chart(title=title, data_uri=f"data:image/svg+xml;base64,{encoded}", description=description)


def _draw(
    *, title: str, groups: Sequence[str], series: Sequence[tuple[str, Sequence, Sequence[str]]], percent: bool
) -> bytes:
    per_group = len(series)
    # A fixed layout, computed from the text, instead of matplotlib's constrained layout:
    # it draws the figure once instead of several times, which makes a chart about twice as fast.
    left = min(0.25 + 0.075 * max((len(group) for group in groups), default=4), 3.2)
    top = 0.5
    bottom = 0.15 + (0.35 if per_group > 1 else 0)
    plot = max(len(groups) * (per_group * 0.3 + 0.25), 0.9)
    width, height = 8.0, top + plot + bottom
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(width, height))
        figure.subplots_adjust(left=left / width, right=0.97, top=1 - top / height, bottom=bottom / height)
        axes = figure.subplots()
        bar = 0.8 / per_group
        largest = max([value or 0 for _name, values, _labels in series for value in values] + [0])
        # Room on the right for the longest value label; percentages always show the whole 0-100 scale.
        limit = 135 if percent else (largest * 1.3 or 1)
        axes.set_xlim(0, limit)
        axes.set_ylim(len(groups) - 0.1, -0.1 - bar / 2)  # first group on top
        # No axes, ticks or tick labels: every bar carries its value and the group names are
        # plain text. Ticks are matplotlib's slowest part to lay out; without them a chart draws
        # in a fraction of the time.
        axes.set_axis_off()
        axes.axvline(0, color="#333333", linewidth=0.8)
        gap = limit * 0.01
        for index, (name, values, labels) in enumerate(series):
            positions = [group + index * bar for group in range(len(groups))]
            axes.barh(
                positions,
                [value or 0 for value in values],
                height=bar * 0.92,
                label=name,
                color=COLOURS[index % len(COLOURS)],
                hatch=HATCHES[index % len(HATCHES)],
                edgecolor="white",
                linewidth=0,
            )
            for position, value, text in zip(positions, values, labels, strict=True):
                axes.text((value or 0) + gap, position, text, va="center", fontsize=9)
        for group, text in enumerate(groups):
            axes.text(-gap, group + bar * (per_group - 1) / 2, text, ha="right", va="center")
        figure.suptitle(title, x=0.01, y=1 - 0.12 / height, ha="left", va="top", fontsize=12, fontweight="bold")
        if per_group > 1:  # below the plot, where it never covers a bar or a value
            figure.legend(loc="lower center", ncols=per_group, frameon=False, fontsize=9, bbox_to_anchor=(0.5, 0))
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
