"""Pictures for the HTML report, drawn with matplotlib as inline SVG.

Each function returns one `<figure>`: an `<svg>` and a `<figcaption>` that says what to look at.
Output is byte-for-byte deterministic: text stays text (no embedded glyphs), no date or
creator metadata, a fixed hash salt, and every id in an SVG prefixed with the figure's own name,
so several SVGs on one page never share an id.

- `trajectory`: an iteration (a `converges` statement), the iterates with the claimed limit.
- `sequence`: printed numbers along a training run (`w_1`, `w_2`, ... or `out_1`, `out_100`):
  the exact values at each printed step, the printed values marked, findings in red.
- `draws`: a statement over seeded draws: the draws' sizes, failing draws marked.
- `starts`: a value over seeded random starts: histogram, the 1st-99th percentile band, the
  printed value.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any, Sequence

import numpy as np

from ..core.verdicts import is_passing

_RC = {
    "svg.fonttype": "none",  # text as <text>: small, and no font file's bytes in the output
    "svg.hashsalt": "gradaudit",  # ids from a fixed salt, not a random one
    "font.family": "DejaVu Sans",  # matplotlib's own font: the layout is the same on every machine
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
}
_RED, _BLUE, _GREY, _GREEN = "#c62828", "#1f5fa8", "#888888", "#2e7d32"


def _svg(fig, name: str) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]  # inline: no XML declaration or DOCTYPE
    prefix = re.sub(r"[^A-Za-z0-9_-]", "_", name) + "-"
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', text)
    return text.strip()


def _figure(name: str, draw, caption: str, size=(6.4, 2.6)) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=size, dpi=72)
        ax = fig.add_subplot()
        draw(ax)
        fig.tight_layout()
        svg = _svg(fig, name)
    return (
        f'<figure class="plot" id="{html.escape(name)}">{svg}'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def trajectory(name: str, label: str, series: dict[str, Any], verdict: str) -> str:
    step = np.asarray(series["step"], dtype=np.float64)
    value = np.asarray(series["value"], dtype=np.float64)
    claimed = series.get("claimed")
    finite = np.isfinite(value)

    def draw(ax):
        ax.plot(step[finite], value[finite], color=_BLUE, linewidth=1.2, label="iterates")
        if claimed is not None:
            colour = _GREEN if is_passing(verdict) else _RED
            ax.axhline(claimed, color=colour, linestyle="--", linewidth=1)
            ax.annotate(
                f"printed {claimed:g}",
                (step[-1], claimed),
                textcoords="offset points",
                xytext=(-4, 4),
                ha="right",
                color=colour,
            )
        if step[-1] > 1000:
            ax.set_xscale("symlog", linthresh=10)
        ax.set_xlabel("step")
        ax.set_ylabel(label)

    shown = f"{len(step)} of {int(step[-1]) + 1} iterates" if len(step) < step[-1] + 1 else "every iterate"
    caption = (
        f"{label}: the iteration ({shown}, blue) and the printed limit (dashed). Look at where "
        f"the blue line ends up against the dashed line: verdict {verdict}."
    )
    return _figure(name, draw, caption)


def sequence(
    name: str,
    stem: str,
    steps: Sequence[int],
    exact: Sequence[float],
    printed: Sequence[float | None],
    bad: Sequence[bool],
) -> str:
    """One printed quantity along a training run: exact values at each printed step, printed
    values marked (red where the row is a finding)."""
    x = np.asarray(steps, dtype=np.float64)
    y = np.asarray(exact, dtype=np.float64)
    p = np.asarray([np.nan if v is None else v for v in printed], dtype=np.float64)
    bad = np.asarray(bad, dtype=bool)

    def draw(ax):
        ax.plot(x, y, color=_BLUE, marker="o", markersize=3, linewidth=1, label="exact")
        good = ~bad & np.isfinite(p)
        if good.any():
            ax.scatter(x[good], p[good], marker="x", color=_GREEN, s=36, zorder=3, label="printed, ok")
        wrong = bad & np.isfinite(p)
        if wrong.any():
            ax.scatter(x[wrong], p[wrong], marker="x", color=_RED, s=50, zorder=4, label="printed, finding")
        for xi, pi in zip(x[wrong], p[wrong]):
            ax.annotate(f"{pi:g}", (xi, pi), textcoords="offset points", xytext=(4, 4), color=_RED)
        if x.min() >= 1 and x.max() / max(x.min(), 1) >= 1000:
            ax.set_xscale("log")
        ax.set_xlabel("step (from the row's name)")
        ax.set_ylabel(stem)
        ax.legend(loc="best", frameon=False)

    caption = (
        f"{stem} along the run: exact values at the printed steps (blue) and the printed values "
        f"(crosses, red where the row is a finding: {int(bad.sum())} of {len(x)}). Look for red "
        f"crosses away from the blue line."
    )
    return _figure(name, draw, caption)


def draws(name: str, label: str, series: dict[str, Any], verdict: str) -> str:
    size = np.asarray(series["size"], dtype=np.float64)
    ok = np.asarray(series["ok"], dtype=bool)
    starts = bool(series.get("random_start"))  # about an unknown start: how many starts satisfy it
    yes, no = ("satisfy it", "do not") if starts else ("claim true", "claim false")

    def draw(ax):
        finite = size[np.isfinite(size)]
        log = finite.size and finite.min() > 0 and finite.max() / finite.min() > 100
        bins = (
            np.geomspace(finite.min(), finite.max(), 41) if log else np.histogram_bin_edges(finite, bins=40)
        )
        # one outline per histogram (stepfilled), not one rectangle per bar: a small SVG
        kw = {"bins": bins, "histtype": "stepfilled"}
        ax.hist(size[ok], color=_BLUE, alpha=0.6, label=f"{yes} ({int(ok.sum())})", **kw)
        if (~ok).any():
            ax.hist(size[~ok], color=_RED, alpha=0.8, label=f"{no} ({int((~ok).sum())})", **kw)
            if not starts:
                smallest = float(np.min(size[~ok]))
                ax.axvline(smallest, color=_RED, linestyle="--", linewidth=1)
                ax.annotate(
                    f"smallest failing draw, size {smallest:.4g}",
                    (smallest, 0),
                    textcoords="offset points",
                    xytext=(4, 60),
                    color=_RED,
                )
        if log:
            ax.set_xscale("log")
        ax.set_xlabel("size of the draw" + (" (log scale)" if log else ""))
        ax.set_ylabel("seeded starts" if starts else "draws")
        ax.legend(loc="best", frameon=False)

    if starts:
        caption = (
            f"{label}: the {len(size)} seeded random starts by size, those that satisfy the claim in "
            f"blue. Look at how many do (plausible when at least 1% do): verdict {verdict}."
        )
    else:
        caption = (
            f"{label}: the {len(size)} seeded draws by size, those where the claim fails in red. "
            f"Look at how many draws fail and how small the smallest one is: verdict {verdict}."
        )
    return _figure(name, draw, caption)


def starts(name: str, label: str, series: dict[str, Any], verdict: str) -> str:
    vals = np.asarray(series["value"], dtype=np.float64)
    claimed, low, high = series["claimed"], series["low"], series["high"]

    def draw(ax):
        log = vals.min() > 0 and vals.max() / vals.min() > 100  # a long tail: log scale shows the bulk
        bins = np.geomspace(vals.min(), vals.max(), 51) if log else 50
        ax.hist(vals, bins=bins, color=_BLUE, alpha=0.6, histtype="stepfilled")
        if log:
            ax.set_xscale("log")
        ax.axvspan(low, high, color=_GREEN, alpha=0.12, label="1st-99th percentile (widened)")
        colour = _GREEN if is_passing(verdict) else _RED
        ax.axvline(claimed, color=colour, linewidth=1.5, label=f"printed {claimed:g}")
        ax.set_xlabel(label)
        ax.set_ylabel("seeded starts")
        ax.legend(loc="best", frameon=False)

    caption = (
        f"{label} over {len(vals)} seeded random starts, with the band a printed value must fall in "
        f"(green) and the printed value (line). Look at whether the line is inside the band: "
        f"verdict {verdict}."
    )
    return _figure(name, draw, caption)
