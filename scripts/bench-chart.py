#!/usr/bin/env python3
"""Summarise the tl-bench codec benchmarks: a Markdown table and an SVG bar chart.

Reads criterion's results (``<criterion>/**/new/benchmark.json`` and ``estimates.json``) of
``cargo bench -p tl-bench --bench codec``: the median time per iteration with its confidence
interval, and the throughput (bytes per iteration). Prints Markdown tables (throughput in
MB/s = 10^6 bytes/s, median and the interval, and the ratios ours / grammers) and writes a
hand-written SVG chart (no plotting library needed).

    scripts/bench-chart.py [--criterion DIR] [--svg docs/benchmarks.svg]

DIR defaults to $CARGO_TARGET_DIR/criterion, else target/criterion at the workspace root.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (row label, criterion group, ours function, grammers function, memcpy function)
ROWS = [
    ("decode", "decode", "ours", "grammers", "memcpy"),
    ("decode, borrowed", "decode", "ours_borrowed", "grammers", "memcpy"),
    ("encode, fresh buffer", "encode", "ours_fresh", "grammers_fresh", "memcpy_fresh"),
    ("encode, reused buffer", "encode", "ours_reused", "grammers_reused", "memcpy_reused"),
]
# The goals ours / grammers the benchmarks are compared against (drawn as dashed lines).
TARGETS = {"encode": 1.5, "decode": 2.5}
KINDS = [
    "MessagesPage",
    "ChannelMessagesPage",
    "Updates",
    "UpdatesCombined",
    "UserVector",
    "ShortMessage",
    "ShortChatMessage",
]


def default_criterion_dir():
    target = os.environ.get("CARGO_TARGET_DIR")
    if target:
        return Path(target) / "criterion"
    return ROOT / "target" / "criterion"


def load(criterion_dir):
    """{(group, function): measurement} for every benchmark with a `new` result."""
    results = {}
    for bench_file in criterion_dir.glob("**/new/benchmark.json"):
        estimates_file = bench_file.with_name("estimates.json")
        if not estimates_file.exists():
            continue
        bench = json.loads(bench_file.read_text())
        est = json.loads(estimates_file.read_text())
        throughput = bench.get("throughput") or {}
        nbytes = throughput.get("Bytes") or throughput.get("BytesDecimal")
        if not nbytes:
            continue
        median = est["median"]
        ci = median["confidence_interval"]
        results[(bench["group_id"], bench["function_id"])] = Measurement(
            nbytes, median["point_estimate"], ci["lower_bound"], ci["upper_bound"],
            ci.get("confidence_level", 0.95),
        )
    return results


class Measurement:
    """Median time per iteration (ns) with its confidence interval, and bytes per iteration."""

    def __init__(self, nbytes, median_ns, low_ns, high_ns, level):
        self.nbytes = nbytes
        self.median_ns = median_ns
        self.low_ns = low_ns
        self.high_ns = high_ns
        self.level = level

    def mbps(self, ns=None):
        return self.nbytes / ((ns if ns is not None else self.median_ns) * 1e-9) / 1e6

    @property
    def mbps_low(self):  # the slowest time of the interval gives the lowest throughput
        return self.mbps(self.high_ns)

    @property
    def mbps_high(self):
        return self.mbps(self.low_ns)

    @property
    def spread(self):
        """Half-width of the interval, relative to the median (e.g. 0.03 = ±3%)."""
        return (self.high_ns - self.low_ns) / 2 / self.median_ns

    def cell(self):
        return (f"{self.mbps():,.0f} ({self.mbps_low:,.0f}–{self.mbps_high:,.0f}, "
                f"±{self.spread * 100:.1f}%)")

    def time_cell(self):
        return fmt_time(self.median_ns)


def fmt_time(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.3f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"


def ratio(ours, peer):
    """(median ratio, lowest, highest) of throughput ours / grammers from the intervals."""
    return (peer.median_ns / ours.median_ns, peer.low_ns / ours.high_ns,
            peer.high_ns / ours.low_ns)


def ratio_cell(r):
    return f"**{r[0]:.2f}×** ({r[1]:.2f}–{r[2]:.2f})"


def main_table(results):
    lines = [
        "| operation | ours MB/s | grammers MB/s | memcpy MB/s | ours / grammers | "
        "time per corpus pass (ours / grammers / memcpy) |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    rows = []
    for label, group, o, g, m in ROWS:
        ours, peer, mem = (results.get((group, f)) for f in (o, g, m))
        if not ours or not peer:
            continue
        r = ratio(ours, peer)
        rows.append((label, ours, peer, mem, r))
        lines.append(
            f"| {label} | {ours.cell()} | {peer.cell()} | {mem.cell() if mem else 'n/a'} | "
            f"{ratio_cell(r)} | {ours.time_cell()} / {peer.time_cell()} / "
            f"{mem.time_cell() if mem else 'n/a'} |"
        )
    return lines, rows


def kind_table(results):
    lines = [
        "| kind | bytes | decode ours MB/s | decode grammers MB/s | decode ours / grammers | "
        "decode borrowed / grammers | encode (fresh) ours / grammers | "
        "encode (reused) ours / grammers |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = []
    for kind in KINDS:
        d = f"decode_kind/{kind}"
        e = f"encode_kind/{kind}"
        do, dg = results.get((d, "ours")), results.get((d, "grammers"))
        efo, efg = results.get((e, "ours_fresh")), results.get((e, "grammers_fresh"))
        ero, erg = results.get((e, "ours_reused")), results.get((e, "grammers_reused"))
        if not (do and dg and efo and efg and ero and erg):
            continue
        rd, rf, rr = ratio(do, dg), ratio(efo, efg), ratio(ero, erg)
        db = results.get((d, "ours_borrowed"))
        borrowed = ratio_cell(ratio(db, dg)) if db else "n/a"
        rows.append((kind, rd, rf, rr))
        lines.append(
            f"| {kind} | {do.nbytes:,} | {do.mbps():,.0f} (±{do.spread * 100:.1f}%) | "
            f"{dg.mbps():,.0f} (±{dg.spread * 100:.1f}%) | {ratio_cell(rd)} | {borrowed} | "
            f"{ratio_cell(rf)} | {ratio_cell(rr)} |"
        )
    return lines, rows


# --- SVG --------------------------------------------------------------------------------------

OURS_COLOR = "#2b6cb0"
PEER_COLOR = "#dd6b20"
TEXT = "#1a202c"
GRID = "#e2e8f0"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def nice_max(v):
    """The smallest 1, 1.5, 2, 2.5, 3, 4, 5 or 7.5 × 10^k (k >= -1) that is at least `v`."""
    for exp in range(-1, 8):
        for step in (1, 1.5, 2, 2.5, 3, 4, 5, 7.5):
            top = step * 10 ** exp
            if top >= v:
                return top
    return v


def ticks(top):
    """Grid values from 0 to `top` at a round step (about 4–6 of them)."""
    step = nice_max(top / 5)
    values, v = [], 0.0
    while v <= top * 1.0001:
        values.append(v)
        v += step
    return values


def svg_chart(rows, kind_rows):
    width = 860
    left = 190
    right = 40
    plot_w = width - left - right
    bar_h = 18
    gap = 6
    group_gap = 22
    y = 70
    out = []

    # Panel 1: throughput, ours vs grammers, with the confidence interval as a whisker.
    top = nice_max(max(max(o.mbps_high, p.mbps_high) for _, o, p, _, _ in rows) * 1.3)
    panel1_top = y
    body = []
    for label, ours, peer, mem, r in rows:
        body.append(f'<text x="{left - 10}" y="{y + bar_h + gap / 2 + 4}" text-anchor="end" '
                    f'font-weight="bold">{esc(label)}</text>')
        for name, m, color in (("ours", ours, OURS_COLOR), ("grammers", peer, PEER_COLOR)):
            w = plot_w * m.mbps() / top
            x0 = left + plot_w * m.mbps_low / top
            x1 = left + plot_w * m.mbps_high / top
            cy = y + bar_h / 2
            body.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                        f'fill="{color}"><title>{name}: {m.mbps():,.0f} MB/s '
                        f'({m.mbps_low:,.0f}–{m.mbps_high:,.0f})</title></rect>')
            body.append(f'<line x1="{x0:.1f}" y1="{cy}" x2="{x1:.1f}" y2="{cy}" '
                        f'stroke="{TEXT}" stroke-width="1.2"/>')
            for x in (x0, x1):
                body.append(f'<line x1="{x:.1f}" y1="{cy - 4}" x2="{x:.1f}" y2="{cy + 4}" '
                            f'stroke="{TEXT}" stroke-width="1.2"/>')
            text = f"{m.mbps():,.0f} MB/s"
            if name == "ours":
                text += f"  ({r[0]:.2f}× grammers)"
            body.append(f'<text x="{max(x1, left + w) + 6:.1f}" y="{y + bar_h - 5}">'
                        f'{esc(text)}</text>')
            y += bar_h + gap
        if mem:
            body.append(f'<text x="{left}" y="{y + 10}" fill="#4a5568" font-size="11">'
                        f'memcpy baseline: {mem.mbps():,.0f} MB/s (off scale)</text>')
            y += 14
        y += group_gap
    panel1_bottom = y - group_gap + 4
    grid = []
    for v in ticks(top):
        x = left + plot_w * v / top
        grid.append(f'<line x1="{x:.1f}" y1="{panel1_top - 6}" x2="{x:.1f}" '
                    f'y2="{panel1_bottom}" stroke="{GRID}"/>')
        grid.append(f'<text x="{x:.1f}" y="{panel1_top - 10}" text-anchor="middle" '
                    f'fill="#4a5568" font-size="11">{v:,.0f}</text>')
    out += grid + body
    out.insert(0, f'<text x="{left}" y="{panel1_top - 28}" font-size="13" '
                  f'font-weight="bold">Throughput over the whole corpus (MB/s, median; '
                  f'whiskers: 95% confidence interval)</text>')

    # Panel 2: ratio ours / grammers per kind of sample.
    if kind_rows:
        y += 30
        out.append(f'<text x="{left}" y="{y}" font-size="13" font-weight="bold">'
                   f'Ours / grammers throughput by kind of sample (1.0 = equal)</text>')
        y += 26
        rtop = nice_max(max(max(rd[2], rf[2], rr[2]) for _, rd, rf, rr in kind_rows + [
            ("", (0, 0, TARGETS["decode"]), (0, 0, 0), (0, 0, 0))]) * 1.05)
        series = (("decode", OURS_COLOR), ("encode fresh", "#38a169"),
                  ("encode reused", "#805ad5"))
        p2_top = y
        body = []
        small = 11
        for kind, rd, rf, rr in kind_rows:
            body.append(f'<text x="{left - 10}" y="{y + 1.5 * small + 4}" text-anchor="end">'
                        f'{esc(kind)}</text>')
            for (name, color), r in zip(series, (rd, rf, rr)):
                w = plot_w * r[0] / rtop
                body.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{small}" '
                            f'fill="{color}"><title>{name}: {r[0]:.2f}× '
                            f'({r[1]:.2f}–{r[2]:.2f})</title></rect>')
                body.append(f'<text x="{left + w + 5:.1f}" y="{y + small - 1}" '
                            f'font-size="10">{r[0]:.2f}×</text>')
                y += small + 1
            y += 10
        p2_bottom = y - 6
        one = left + plot_w / rtop
        grid = []
        for v in ticks(rtop):
            x = left + plot_w * v / rtop
            grid.append(f'<line x1="{x:.1f}" y1="{p2_top - 4}" x2="{x:.1f}" y2="{p2_bottom}" '
                        f'stroke="{GRID}"/>')
            grid.append(f'<text x="{x:.1f}" y="{p2_top - 8}" text-anchor="middle" '
                        f'fill="#4a5568" font-size="11">{v:.2f}×</text>')
        grid.append(f'<line x1="{one:.1f}" y1="{p2_top - 4}" x2="{one:.1f}" y2="{p2_bottom}" '
                    f'stroke="#e53e3e" stroke-dasharray="4 3"/>')
        for name, target in TARGETS.items():
            x = left + plot_w * target / rtop
            grid.append(f'<line x1="{x:.1f}" y1="{p2_top - 4}" x2="{x:.1f}" y2="{p2_bottom}" '
                        f'stroke="#718096" stroke-dasharray="2 3"/>')
            grid.append(f'<text x="{x + 3:.1f}" y="{p2_bottom - 2}" fill="#718096" '
                        f'font-size="10">{name} target {target}×</text>')
        out += grid + body
        # Legend.
        lx = left
        y += 6
        for name, color in series:
            out.append(f'<rect x="{lx}" y="{y}" width="12" height="12" fill="{color}"/>')
            out.append(f'<text x="{lx + 17}" y="{y + 10}">{name}</text>')
            lx += 130
        y += 20

    # Legend of panel 1 at the top.
    legend = [
        f'<rect x="{left}" y="14" width="12" height="12" fill="{OURS_COLOR}"/>',
        f'<text x="{left + 17}" y="24">ours (tlgen-types)</text>',
        f'<rect x="{left + 140}" y="14" width="12" height="12" fill="{PEER_COLOR}"/>',
        f'<text x="{left + 157}" y="24">grammers-tl-types 0.11.0</text>',
    ]
    height = y + 10
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" '
            f'font-size="12" fill="{TEXT}">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n')
    return head + "\n".join(legend + out) + "\n</svg>\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--criterion", type=Path, default=default_criterion_dir(),
                    help="criterion output directory (default: %(default)s)")
    ap.add_argument("--svg", type=Path, default=ROOT / "docs" / "benchmarks.svg",
                    help="where to write the chart (default: %(default)s)")
    args = ap.parse_args()

    if not args.criterion.is_dir():
        sys.exit(f"no criterion results in {args.criterion}: run "
                 f"`cargo bench -p tl-bench --bench codec` first")
    results = load(args.criterion)
    lines, rows = main_table(results)
    if not rows:
        sys.exit(f"no decode/encode results in {args.criterion}")
    some = rows[0][1]
    print(f"Corpus: {some.nbytes:,} bytes per pass. MB/s = 10^6 bytes/s, from the median time; "
          f"in parentheses the {some.level:.0%} confidence interval of the median and its "
          f"half-width. Ratios: median ratio (range from the intervals).\n")
    print("\n".join(lines))
    klines, krows = kind_table(results)
    if krows:
        print()
        print("\n".join(klines))
    args.svg.parent.mkdir(parents=True, exist_ok=True)
    args.svg.write_text(svg_chart(rows, krows))
    print(f"\nwrote {args.svg}", file=sys.stderr)


if __name__ == "__main__":
    main()
