"""``coopnet report`` end to end in a fresh interpreter: wall time, CPU time and peak memory
(the fastest of two runs)."""

from __future__ import annotations

import json
import shutil

import harness
from harness import Context, Row, run_watched

ORDER = 80
RUNS = 2  # fresh runs per size; the row keeps the fastest
TARGETS = [
    ("report", "M", "`coopnet report` end to end (recorded)"),
    ("report", "L", "`coopnet report` on L ≤ 60 s wall (issue 15)"),
    ("report-memory", "L", "`coopnet report` on L ≤ 1 GB peak memory (issue 15)"),
]


def run(ctx: Context) -> None:
    for size, timeout in (("M", 600.0), ("L", ctx.args.report_l_timeout)):
        if size not in ctx.args.sizes:
            continue
        o, e = ctx.csv(size)
        out_dir = ctx.work / f"report_{size}"
        stats = ctx.work / f"report_{size}.json"
        code = f"""
            import json, resource
            from coopnet.cli import main
            rc = main(["report", "--orgs", {str(o)!r}, "--edges", {str(e)!r}, "-o", {str(out_dir)!r}])
            use = resource.getrusage(resource.RUSAGE_SELF)
            # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
            hwm = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM"))
            json.dump({{"rc": rc, "maxrss_kb": hwm, "cpu": use.ru_utime + use.ru_stime}},
                      open({str(stats)!r}, "w"))
        """
        # the least disturbed of RUNS runs (other processes share the two cores)
        best = None
        for _ in range(ctx.repeat(RUNS)):
            shutil.rmtree(out_dir, ignore_errors=True)
            stats.unlink(missing_ok=True)
            finished, wall, peak_kb, err = run_watched(code, timeout)
            result = (finished, wall, peak_kb, err, stats.read_text() if stats.exists() else None)
            if best is None or (finished and (not best[0] or wall < best[1])):
                best = result
            if not finished:
                break
        finished, wall, peak_kb, err, kept = best
        what = "`coopnet report` end to end (wall, fresh interpreter)"
        limit = 60.0 if size == "L" else None
        if not finished:
            ctx.add(
                Row(
                    "report",
                    what,
                    size,
                    status="miss" if limit else "skipped",
                    note=f"stopped after {timeout:.0f} s (the run's budget); peak memory by then "
                    f"{peak_kb / 1024:.0f} MB",
                )
            )
            continue
        if kept is None:
            ctx.add(Row("report", what, size, status="error", note=err[-300:]))
            continue
        s = json.loads(kept)
        files = sorted(p.name for p in out_dir.iterdir()) if out_dir.exists() else []
        peak_mb = s["maxrss_kb"] / 1024
        ctx.add(
            Row(
                "report",
                what,
                size,
                wall,
                target="≤ 60 s" if limit else "",
                limit=limit,
                absolute=True,
                status="" if s["rc"] == 0 else "error",
                note=f"exit {s['rc']}, peak memory {peak_mb:.0f} MB, CPU time {s['cpu']:.1f} s "
                f"(user + system, about the wall time on a quiet machine); "
                f"{len(files)} files: {', '.join(files)}",
                headline=f"{wall:.2f} s wall, {s['cpu']:.1f} s CPU (fastest of "
                f"{ctx.repeat(RUNS)} runs); peak memory {peak_mb:.0f} MB",
            )
        )
        ctx.add(
            Row(
                "report-memory",
                "`coopnet report`: peak resident memory (VmHWM)",
                size,
                peak_mb,
                target="≤ 1 GB" if size == "L" else "",
                limit=1024.0 if size == "L" else None,
                absolute=True,
                unit="MB",
            )
        )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
