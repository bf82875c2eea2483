#!/usr/bin/env python3
"""Throughput, JIT vs Native AOT, side by side (driven by bench/run.sh).

Builds bench/orderflow and bench/extgap twice: as today's JIT Release build (`dotnet build -c Release`)
and as Native AOT (`dotnet publish -c Release -r linux-x64 -p:PublishAot=true`; any trim/AOT warning
is counted), both into --artifacts (outside the source folders), and runs each:

  orderflow  the bench program pinned to one core (taskset -c 0), as bench/orderflow/run.sh does
  extgap     the bench program, as bench/extgap/run.sh does
  replay     `extgap replay` end to end on --replay-candles synthetic 3m candles (the bench's own seeded
             candles, written once as a CSV), process start included, wall time of the whole command:
             the shipped Native AOT executable (.build/extgap/extgap, --extgap), a ReadyToRun publish of
             the same project (JIT with precompiled code: how extgap shipped before Native AOT, the JIT
             column of this row) and its plain JIT build (a row of its own)
Prints a table (metric | JIT | AOT | AOT/JIT | goal | met?) and writes it with --out / --json-out.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

T0 = time.time()
NO_WORSE = 0.90  # "no worse than JIT": AOT >= 0.90 x JIT (single runs on a shared machine swing more than 10 %)
ORDERFLOW_PARSE_UPDATE = 1.3  # M trades/s, one core
ORDERFLOW_REPLAY = 1.0  # M trades/s
EXTGAP_E2E = 0.38  # M candles/s, `extgap replay`, process start included
# 0 B/trade in the steady state: the pass's figure includes its one result string per run (~250 B over a slice of
# trades/8, so 0.00 at 1 M trades, 0.01 at 200k); anything allocated per trade would be >= 1
STEADY_BYTES = 0.05


def log(msg):
    print(f"[throughput {time.time() - T0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def run(cmd, timeout, cwd=None, env=None):
    res = subprocess.run(cmd, cwd=cwd, env=env, timeout=timeout, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return res.returncode, res.stdout.decode(errors="replace")


def find_exe(root, name):
    for dirpath, _, files in os.walk(root):
        if name in files and os.access(os.path.join(dirpath, name), os.X_OK):
            return os.path.join(dirpath, name)
    return None


class Throughput:
    def __init__(self, args):
        self.args = args
        self.errors = []
        self.res = {"jit": {}, "aot": {}}
        self.exes = {}

    def stale(self, stamp, exe):
        """True when the build must run: no stamp, or a source it depends on is newer (like ./moneybot)."""
        if not os.path.exists(stamp) or not exe or not os.path.exists(exe):
            return True
        since = os.path.getmtime(stamp)
        roots = [os.path.join(self.args.repo, d) for d in ("bench", "bots", "common")]
        files = [os.path.join(self.args.repo, f) for f in ("Directory.Build.props", "Directory.Packages.props")]
        for root in roots:
            for dirpath, dirs, names in os.walk(root):
                dirs[:] = [d for d in dirs if d not in ("obj", "bin", ".artifacts", "results", ".peers")]
                files += [os.path.join(dirpath, n) for n in names if n.endswith((".cs", ".csproj", ".props"))]
        return any(os.path.getmtime(f) > since for f in files if os.path.exists(f))

    def build(self, kind, project, exe_name):
        """(path of the executable, number of warnings) or raises; skipped when up to date."""
        a = self.args
        stamp = os.path.join(a.artifacts, f".built-{kind}-{os.path.basename(project)}.json")
        try:
            with open(stamp) as f:
                done = json.load(f)
        except (OSError, ValueError):
            done = {}
        if not self.stale(stamp, done.get("exe")):
            log(f"{kind}: {project} up to date ({done['warnings']} warning(s) when built) -> {done['exe']}")
            return done["exe"], done["warnings"]
        proj = os.path.join(a.repo, project)
        quiet = ["-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:q", "-clp:NoSummary"]
        if kind == "jit":
            cmd = ["dotnet", "build", proj, "-c", "Release", "--artifacts-path", os.path.join(a.artifacts, "jit")]
            # artifacts layout: bin/<project>/release/
            out_dir = os.path.join(a.artifacts, "jit", "bin", os.path.splitext(os.path.basename(project))[0])
        elif kind == "r2r":  # how the bots shipped before Native AOT: JIT on the shared runtime, precompiled code
            out_dir = os.path.join(a.artifacts, "r2r-out", exe_name)
            cmd = ["dotnet", "publish", proj, "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                   "-p:PublishReadyToRun=true", "-p:PublishAot=false", "--artifacts-path",
                   os.path.join(a.artifacts, "r2r"), "-o", out_dir]
        else:
            out_dir = os.path.join(a.artifacts, "aot-out", exe_name)
            cmd = ["dotnet", "publish", proj, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
                   "--artifacts-path", os.path.join(a.artifacts, "aot"), "-o", out_dir]
        cmd += quiet
        log(f"{kind}: building {project}")
        os.makedirs(a.artifacts, exist_ok=True)
        t = time.time()
        rc, out = run(cmd, timeout=a.build_timeout)
        warnings = sorted({line.strip() for line in out.splitlines() if re.search(r"\bwarning [A-Z]+\d+", line)})
        if rc != 0:
            raise RuntimeError(f"{' '.join(cmd[:3])} {project} exited {rc}: " + " | ".join(
                line.strip() for line in out.splitlines() if "error" in line)[-600:])
        exe = find_exe(out_dir, exe_name)
        if not exe:
            raise RuntimeError(f"{kind} build of {project}: {exe_name} not found under {out_dir}")
        log(f"{kind}: {project} built in {time.time() - t:.0f} s ({len(warnings)} warning(s)) -> {exe}")
        for w in warnings[:10]:
            log(f"  {w}")
        with open(stamp, "w") as f:
            json.dump({"exe": exe, "warnings": len(warnings)}, f)
        return exe, len(warnings)

    def section(self, name, fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001
            log(f"{name} FAILED: {e}")
            self.errors.append(f"{name}: {e}")

    # ------------------------------------------------------------------ builds
    def builds(self):
        for kind in ("jit", "aot"):
            for key, project, exe in [("orderflow", "bench/orderflow/OrderFlowBench.csproj", "orderflow-bench"),
                                      ("extgap", "bench/extgap/ExtGapBench.csproj", "extgap-bench")]:
                def one(kind=kind, key=key, project=project, exe=exe):
                    path, warns = self.build(kind, project, exe)
                    self.exes[(kind, key)] = path
                    self.res[kind][f"{key}_warnings"] = warns
                self.section(f"{kind} build of {project}", one)

    # ------------------------------------------------------------------ orderflow
    def orderflow(self, kind):
        exe = self.exes.get((kind, "orderflow"))
        if not exe:
            return
        a = self.args
        cmd = ["taskset", "-c", "0", exe, str(a.trades), "42", str(a.runs)]
        if not shutil.which("taskset"):
            cmd = cmd[3:]
        log(f"{kind}: {' '.join(cmd)}")
        rc, out = run(cmd, timeout=a.run_timeout)
        self.save_output(f"orderflow-{kind}", out)
        if rc != 0:
            raise RuntimeError(f"orderflow-bench ({kind}) exited {rc}: {out[-400:]}")
        r = self.res[kind]
        m = re.search(r"calibration: .*?: (\d+) MB/s", out)
        if m:
            r["of_calibration"] = float(m.group(1))
        pat = re.compile(r"^(?P<name>.+?)\s+median\s+(?P<med>[\d.]+) M trades/s \(best\s+(?P<best>[\d.]+)\)"
                         r"\s+(?P<b>-?[\d.]+) B/trade", re.M)
        keys = {"parse only": "of_parse", "metric updates only (trades pre-parsed)": "of_metrics",
                "parse + all metric updates": "of_parse_update",
                "steady state: parse + metrics, tables grown": "of_steady",
                "full replay (file in, JSON lines out)": "of_replay"}
        for mm in pat.finditer(out):
            k = keys.get(mm.group("name").strip())
            if k:
                r[k] = float(mm.group("med"))
                r[k + "_best"] = float(mm.group("best"))
                r[k + "_bytes"] = float(mm.group("b"))
        log(f"{kind}: orderflow " + ", ".join(f"{k} {v}" for k, v in r.items() if k.startswith("of_")))

    # ------------------------------------------------------------------ extgap (in process)
    def extgap(self, kind):
        exe = self.exes.get((kind, "extgap"))
        if not exe:
            return
        a = self.args
        cmd = [exe, str(a.candles), "42"]
        log(f"{kind}: {' '.join(cmd)}")
        rc, out = run(cmd, timeout=a.run_timeout)
        self.save_output(f"extgap-{kind}", out)
        if rc != 0:
            raise RuntimeError(f"extgap-bench ({kind}) exited {rc}: {out[-400:]}")
        pat = re.compile(r"^(?P<name>.+?)\s+(?P<wall>[\d,]+) candles/s wall\s+(?P<cpu>[\d,]+) /CPU-s\s+"
                         r"(?P<ms>[\d,]+) ms\s+(?P<b>[\d.,]+) B/candle", re.M)
        keys = {"detector only (in memory)": "eg_detect", "detector + trading (in memory)": "eg_trade",
                "CSV read only": "eg_csv_read", "replay with CSV read + write": "eg_replay"}
        r = self.res[kind]
        for mm in pat.finditer(out):
            k = keys.get(mm.group("name").strip())
            if k:
                r[k] = float(mm.group("wall").replace(",", "")) / 1e6
                r[k + "_cpu"] = float(mm.group("cpu").replace(",", "")) / 1e6
                r[k + "_bytes"] = float(mm.group("b").replace(",", ""))
        log(f"{kind}: extgap " + ", ".join(f"{k} {v:.3f}" for k, v in r.items() if k.startswith("eg_")))

    # ------------------------------------------------------------------ extgap replay end to end
    def replay_e2e(self):
        a = self.args
        writer = self.exes.get(("jit", "extgap")) or self.exes.get(("aot", "extgap"))
        if not writer:
            raise RuntimeError("no extgap-bench build to write the candle CSV with")
        d = os.path.join(a.work, "replay")
        os.makedirs(d, exist_ok=True)
        csv = os.path.join(d, "candles.csv")
        rc, out = run([writer, "--write-csv", csv, str(a.replay_candles), "42"], timeout=300)
        if rc != 0 or not os.path.exists(csv):
            raise RuntimeError(f"writing the candle CSV failed (rc {rc}): {out[-300:]}")
        log(f"replay: {out.strip()} ({os.path.getsize(csv) / 1e6:.1f} MB)")
        project = "bots/MoneyBot.ExtGap/MoneyBot.ExtGap.csproj"
        variants = []
        for kind in ("r2r", "jit"):
            def one(kind=kind):
                exe, _ = self.build(kind, project, "extgap")
                variants.append((kind, exe))
            self.section(f"{kind} build of {project}", one)
        variants.append(("aot", a.extgap))
        for kind, exe in variants:
            if not exe or not os.path.exists(exe):
                self.errors.append(f"replay end to end ({kind}): no executable ({exe})")
                continue
            med, best = self.time_replay(kind, exe, d, csv)
            # the JIT column: ReadyToRun (as extgap shipped before Native AOT); plain JIT on a row of its own
            r, key = {"r2r": (self.res["jit"], "e2e"), "jit": (self.res["jit"], "e2e_plain"),
                      "aot": (self.res["aot"], "e2e")}[kind]
            r[f"{key}_secs"], r[f"{key}_best"] = med, best
            r[f"{key}_rate"] = a.replay_candles / med / 1e6

    def time_replay(self, kind, exe, d, csv):
        """Median and best wall time of `extgap replay` over the CSV, launch to exit."""
        a = self.args
        times, summary = [], ""
        for i in range(a.replay_runs + 1):  # the first run warms the page cache, not counted
            for f in ("gaps.csv", "trades.csv"):
                try:
                    os.remove(os.path.join(d, f))
                except OSError:
                    pass
            cmd = [exe, "replay", "--candles", csv, "--timeframe", "3m", "--gaps-out",
                   os.path.join(d, "gaps.csv"), "--trades-out", os.path.join(d, "trades.csv")]
            t = time.perf_counter()
            rc, out = run(cmd, timeout=300)
            dt = time.perf_counter() - t
            if rc != 0:
                raise RuntimeError(f"extgap replay ({kind}) exited {rc}: {out[-300:]}")
            if i:
                times.append(dt)
            summary = out.strip().splitlines()[0] if out.strip() else ""
        med = statistics.median(times)
        log(f"{kind}: extgap replay of {a.replay_candles:,} candles: median {med:.3f} s, best "
            f"{min(times):.3f} s ({a.replay_candles / med / 1e6:.2f} M candles/s); {summary[:150]}")
        return med, min(times)

    def save_output(self, name, out):
        with open(os.path.join(self.args.work, f"{name}.txt"), "w") as f:
            f.write(out)

    # ------------------------------------------------------------------ table
    def table(self):
        a = self.args
        rows = []
        jit, aot = self.res["jit"], self.res["aot"]

        def fmt(v, digits):
            return "n/a" if v is None else f"{v:.{digits}f}"

        def add(metric, key, digits=2, goal="(info)", absolute=None, no_worse=False, lower_better=False):
            j, o = jit.get(key), aot.get(key)
            ratio = f"{o / j:.2f}x" if j and o is not None else "n/a"
            met = "n/a"
            checks = []  # (passed, what failed)
            if absolute is not None and o is not None:
                checks.append((absolute(o), "goal"))
            if no_worse and o is not None and j:
                checks.append((o <= j / NO_WORSE if lower_better else o >= NO_WORSE * j, "vs JIT"))
            if checks:
                failed = [what for ok, what in checks if not ok]
                met = f"NO ({', '.join(failed)})" if failed else "yes"
            rows.append([metric, fmt(j, digits), fmt(o, digits), ratio, goal, met])

        nw = f">= {NO_WORSE:.2f}x JIT"
        add("AOT publish warnings, orderflow-bench", "orderflow_warnings", 0, "0 (AOT)", lambda o: o == 0)
        add("AOT publish warnings, extgap-bench", "extgap_warnings", 0, "0 (AOT)", lambda o: o == 0)
        t = f"{a.trades / 1e6:g} M trades, 1 core"
        add(f"orderflow, {t}: calibration, Utf8JsonReader (MB/s)", "of_calibration", 0)
        add("  parse only (M trades/s, median)", "of_parse")
        add("  metric updates only (M trades/s)", "of_metrics")
        add("  parse + all metric updates (M trades/s)", "of_parse_update",
            goal=f">= {ORDERFLOW_PARSE_UPDATE} and {nw}", absolute=lambda o: o >= ORDERFLOW_PARSE_UPDATE,
            no_worse=True)
        add("  steady state, tables grown (M trades/s)", "of_steady", goal=nw, no_worse=True)
        add("  steady state: allocated (B/trade)", "of_steady_bytes", goal=f"0 (< {STEADY_BYTES})",
            absolute=lambda o: o < STEADY_BYTES)
        add("  full replay, file in, JSON lines out (M trades/s)", "of_replay",
            goal=f">= {ORDERFLOW_REPLAY:g} and {nw}", absolute=lambda o: o >= ORDERFLOW_REPLAY, no_worse=True)
        c = f"{a.candles / 1e6:g} M candles"
        add(f"extgap, {c}: detector only (M candles/s wall)", "eg_detect")
        add("  detector + trading (M candles/s)", "eg_trade", goal=nw, no_worse=True)
        add("  candle CSV read only (M candles/s)", "eg_csv_read")
        add("  replay: CSV read + detect + trade + CSV write (M candles/s)", "eg_replay", goal=nw, no_worse=True)
        add("  replay: CSV read + ... + write (M candles per CPU-s)", "eg_replay_cpu")
        e = f"{a.replay_candles / 1e3:g}k"
        add(f"`extgap replay` end to end, {e} candles, process start included (s, median of {a.replay_runs})",
            "e2e_secs", 3)
        add("  the same in M candles/s (JIT = ReadyToRun as shipped before; AOT = .build/extgap/extgap)",
            "e2e_rate", goal=f">= {EXTGAP_E2E} and {nw}", absolute=lambda o: o >= EXTGAP_E2E, no_worse=True)
        add("  plain JIT build (dotnet build, no ReadyToRun), end to end (s)", "e2e_plain_secs", 3)
        head = ["metric", "JIT", "AOT", "AOT/JIT", "goal", "met?"]
        widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
        line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
        out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows]
        return "\n".join(out), [dict(zip(head, r)) for r in rows]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--artifacts", required=True, help="build output (JIT and AOT), kept between runs")
    ap.add_argument("--extgap", required=True, help="the shipped ext-gap executable (.build/extgap/extgap)")
    ap.add_argument("--trades", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--candles", type=int, default=1_000_000)
    ap.add_argument("--replay-candles", type=int, default=200_000)
    ap.add_argument("--replay-runs", type=int, default=7)
    ap.add_argument("--build-timeout", type=float, default=900)
    ap.add_argument("--run-timeout", type=float, default=900)
    ap.add_argument("--out", default=None)
    ap.add_argument("--json-out", default=None)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    tp = Throughput(args)
    load_start = open("/proc/loadavg").read().split()[:3]
    tp.builds()
    for kind in ("jit", "aot"):
        tp.section(f"orderflow ({kind})", lambda kind=kind: tp.orderflow(kind))
        tp.section(f"extgap ({kind})", lambda kind=kind: tp.extgap(kind))
    tp.section("extgap replay end to end", tp.replay_e2e)
    table, rows = tp.table()
    load_end = open("/proc/loadavg").read().split()[:3]
    text = (f"Throughput, JIT (dotnet build -c Release) vs Native AOT (dotnet publish -p:PublishAot=true), "
            f"took {time.time() - T0:.0f} s, load average {' '.join(load_start)} at start, "
            f"{' '.join(load_end)} at end\n"
            f"orderflow pinned to one core (taskset -c 0), median of {args.runs} runs per pass; met? judges the "
            f"AOT figure (what ships); '>= {NO_WORSE:.2f}x JIT' is 'no worse than JIT' with a margin for noise\n\n"
            + table + "\n")
    if tp.errors:
        text += "\n" + "\n".join(f"- ERROR: {e}" for e in tp.errors) + "\n"
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"results": tp.res, "errors": tp.errors, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
