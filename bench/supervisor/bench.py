#!/usr/bin/env python3
"""Side-by-side benchmark: MoneyBot Supervisor vs supervisord vs PM2 (driven by run.sh).

Every supervisor gets the same programs and the same measurements, each phase on a fresh
daemon with its own config, run dir and log dir under --work:

  idle-4     4 x `sleep 10000N`: daemon RSS, `status` round trip, 20 crashes (kill -9 -> new
             pid, polled from /proc every 1 ms), then 200 crash/restart cycles (RSS before/after)
  idle-100   100 x `sleep 10NNNN`: time until all run, daemon RSS, `status` round trip
  log        writer.py prints 100 MB of numbered 100-byte lines as fast as it can (3 runs): seconds from
             its first byte until the log file holds all of it, lost/duplicated/split lines,
             daemon RSS before/after and its peak (VmHWM)
  system     the default offline system (config/moneybot.yaml) for --system-secs, then PSS/RSS/anon
             of the daemon and of every program (system.py)

Programs are found in /proc by their exact argv (`sleep 100001` ...), never through a CLI.
"""
import argparse
import json
import math
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time

import system

HERE = os.path.dirname(os.path.abspath(__file__))
WRITER = os.path.join(HERE, "writer.py")
PY = os.path.realpath(sys.executable)
SLEEP = os.path.realpath(shutil.which("sleep") or "/bin/sleep")
LINE_BYTES = 100
MB_IN_MIB = 1e6 / 1048576  # the goals are in MB (10^6 bytes); the figures are in MiB
RSS_SMALL_GOAL_MB = 15  # daemon RSS with 4 programs
STATUS_RATIO_GOAL = 0.15  # `status` wall time vs `supervisorctl status`, same run
T0 = time.time()
LOG_FILE = None


def log(msg):
    line = f"[{time.time() - T0:7.1f}s] {msg}"
    print(line, file=sys.stderr, flush=True)
    if LOG_FILE:
        with open(LOG_FILE, "a") as f:
            f.write(line + "\n")


# ----------------------------------------------------------------------------- /proc helpers

def read_argv(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            data = f.read()
    except OSError:
        return None
    return data.split(b"\0")[:-1] if data else []


def starttime(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return int(data[data.rindex(b")") + 2:].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def proc_alive(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return data[data.rindex(b")") + 2:data.rindex(b")") + 3] not in (b"Z", b"X")
    except (OSError, ValueError):
        return False


def rss_mib(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def argv_key(argv):
    """The key a program's process is recognised by: basename(argv0) + the rest."""
    if not argv:
        return None
    return (os.path.basename(argv[0]),) + tuple(argv[1:])


class ProcIndex:
    """Finds program processes by argv key; remembers every pid seen (for cleanup)."""

    def __init__(self, pids_file):
        self.pids_file = pids_file
        self.recorded = set()

    def record(self, pid):
        if pid in self.recorded:
            return
        st = starttime(pid)
        if st is None:
            return
        self.recorded.add(pid)
        with open(self.pids_file, "a") as f:
            f.write(f"{pid} {st}\n")

    def scan(self, keys):
        """{key: [pids]} for live processes whose argv key is in keys."""
        found = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            argv = read_argv(entry)
            if not argv:
                continue
            key = argv_key(argv)
            if key in keys and proc_alive(entry):
                found.setdefault(key, []).append(int(entry))
        for pids in found.values():
            for pid in pids:
                self.record(pid)
        return found

    def wait_all(self, keys, timeout):
        deadline = time.time() + timeout
        while True:
            found = self.scan(keys)
            if len(found) == len(keys):
                return found
            if time.time() > deadline:
                return found
            time.sleep(0.05)


def prog_key(p):
    return argv_key([a.encode() for a in p["argv"]])


def crash_once(pid, key, timeout):
    """kill -9 pid; seconds until a process with argv key and another pid exists (1 ms poll)."""
    baseline = {e for e in os.listdir("/proc") if e.isdigit()}
    baseline.discard(str(pid))
    t0 = time.perf_counter()
    os.kill(pid, signal.SIGKILL)
    deadline = t0 + timeout
    while True:
        for entry in os.listdir("/proc"):
            if entry in baseline or not entry.isdigit() or entry == str(pid):
                continue
            argv = read_argv(entry)
            if argv and argv_key(argv) == key:
                return time.perf_counter() - t0, int(entry)
        if time.perf_counter() > deadline:
            return None, None
        time.sleep(0.001)


def cpu_idle_fraction(window):
    def snap():
        with open("/proc/stat") as f:
            vals = [int(x) for x in f.readline().split()[1:]]
        return vals[3] + vals[4], sum(vals)  # idle + iowait, total
    i0, t0 = snap()
    time.sleep(window)
    i1, t1 = snap()
    return (i1 - i0) / max(1, t1 - t0)


def wait_quiet(max_secs):
    """Wait (at most max_secs) until the machine is >= 85% idle over 5 s; True if it got quiet."""
    deadline = time.time() + max_secs
    while True:
        idle = cpu_idle_fraction(5)
        if idle >= 0.85:
            log(f"machine quiet ({idle:.0%} idle over 5 s)")
            return True
        if time.time() >= deadline:
            log(f"machine still busy ({idle:.0%} idle over 5 s), going on anyway")
            return False
        log(f"waiting for a quiet machine ({idle:.0%} idle over 5 s)")


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[max(0, math.ceil(p / 100.0 * len(s)) - 1)]


def run(cmd, env=None, timeout=120, cwd=None, check=True):
    res = subprocess.run(cmd, env=env, cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = res.stdout.decode(errors="replace")
    if check and res.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {res.returncode}:\n{out[-2000:]}")
    return res.returncode, out


def wait_for(pred, timeout, interval=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    return pred()


def read_pidfile(path):
    try:
        with open(path) as f:
            pid = int(f.read().strip().split()[0])
        return pid if proc_alive(pid) else None
    except (OSError, ValueError, IndexError):
        return None


# ----------------------------------------------------------------------------- programs

def idle_programs(n):
    return [{"name": f"idle-{i:03d}", "argv": [SLEEP, str(100000 + i)], "autostart": True}
            for i in range(1, n + 1)]


def writer_program(sess, lines, k):
    name = f"writer-{k}"
    return {"name": name,
            "argv": [PY, WRITER, str(lines), os.path.join(sess, f"{name}.start"),
                     os.path.join(sess, f"{name}.done")],
            "autostart": False}


# ----------------------------------------------------------------------------- adapters

class Supervisor:
    name = "?"

    def __init__(self, args):
        self.args = args
        self.sess = None
        self.programs = []
        self.clean_env = None  # phase system: the daemon's environment instead of ours

    def env(self):
        e = dict(os.environ if self.clean_env is None else self.clean_env)
        e["MBBENCH_SESSION"] = f"{self.name}:{os.path.basename(self.sess)}"
        return e

    def setup(self, sess, programs):
        self.sess = sess
        self.programs = programs
        self.logdir = os.path.join(sess, "logs")
        os.makedirs(self.logdir, exist_ok=True)
        self.write_config()

    def log_files(self, name):
        base = os.path.join(self.logdir, f"{name}.out.log")
        return [base + ".1", base]  # oldest first


class Moneybot(Supervisor):
    name = "moneybot"

    def write_config(self):
        os.makedirs(os.path.join(self.sess, "config"), exist_ok=True)
        os.makedirs(os.path.join(self.sess, "run"), exist_ok=True)
        self.conf = os.path.join(self.sess, "config", "moneybot.yaml")
        self.run_dir = os.path.join(self.sess, "run")
        q = json.dumps  # JSON strings are valid YAML scalars
        lines = [
            "supervisor:",
            f"  run_dir: {q(self.run_dir)}",
            f"  log_dir: {q(self.logdir)}",
            "defaults:",
            "  autostart: true",
            "  restart: always",
            "  start_secs: 0",
            "  backoff: { initial: 0s, factor: 2, max: 1s, jitter: 0, reset_after: 1s }",
            "  give_up: { restarts: 1000, within: 1m }",
            "  stop_timeout: 5s",
            "  logs: { max_size: 200MB, backups: 1, timestamps: false }",
            "programs:",
        ]
        for p in self.programs:
            lines += [f"  {p['name']}:",
                      f"    command: {q(p['argv'][0])}",
                      f"    args: {json.dumps(p['argv'][1:])}",
                      f"    cwd: {q(self.sess)}"]
            if not p["autostart"]:
                lines.append("    autostart: false")
        with open(self.conf, "w") as f:
            f.write("\n".join(lines) + "\n")

    def env(self):
        e = super().env()
        e["MONEYBOT_ROOT"] = self.args.repo  # what ./moneybot exports
        e.pop("MONEYBOT_CONFIG", None)
        return e

    def cli(self, *verb, timeout=120, check=True, wrapper=False):
        cmd = (self.args.mb_wrapper if wrapper else self.args.mb_cli) + list(verb) + ["-c", self.conf]
        return run(cmd, env=self.env(), timeout=timeout, cwd=self.args.repo, check=check)

    def start(self):
        self.cli("up", timeout=600)

    def daemon_pid(self):
        return read_pidfile(os.path.join(self.run_dir, "moneybot.pid"))

    def status_cmds(self):
        cmds = [("status", self.args.mb_cli + ["status", "-c", self.conf])]
        if self.args.mb_cli != self.args.mb_wrapper:
            cmds.append(("status_wrapper", self.args.mb_wrapper + ["status", "-c", self.conf]))
        return cmds

    def start_program(self, name):
        self.cli("start", name)

    def stop(self):
        self.cli("down", timeout=120)

    def sanity(self):
        rc, out = self.cli("status", "--json", check=False, wrapper=False)
        try:
            rows = json.loads(out[out.index("["):])
        except ValueError:
            return f"status --json not parseable (rc {rc}): {out[:300]!r}"
        bad = [f"{r.get('name')}={r.get('state')}" for r in rows if r.get("state") != "RUNNING"]
        want = sum(1 for p in self.programs if p["autostart"])
        if len(rows) != len(self.programs) or (bad and want):
            return f"status --json: {len(rows)} rows, not RUNNING: {bad[:5]}"
        return None


class Supervisord(Supervisor):
    name = "supervisord"

    def write_config(self):
        self.conf = os.path.join(self.sess, "supervisord.conf")
        self.pidfile = os.path.join(self.sess, "supervisord.pid")
        sock = os.path.join(self.sess, "supervisor.sock")
        lines = [
            "[unix_http_server]", f"file={sock}", "chmod=0700", "",
            "[supervisord]", f"logfile={os.path.join(self.sess, 'supervisord.log')}",
            f"pidfile={self.pidfile}", f"childlogdir={self.logdir}", "nodaemon=false",
            "minfds=4096", "loglevel=info", "user=root", "",
            "[rpcinterface:supervisor]",
            "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", "",
            "[supervisorctl]", f"serverurl=unix://{sock}", "",
        ]
        for p in self.programs:
            out = os.path.join(self.logdir, f"{p['name']}.out.log")
            err = os.path.join(self.logdir, f"{p['name']}.err.log")
            lines += [
                f"[program:{p['name']}]",
                "command=" + " ".join(shlex.quote(a) for a in p["argv"]).replace("%", "%%"),
                f"directory={p.get('cwd', self.sess)}",
                f"autostart={'true' if p['autostart'] else 'false'}",
            ]
            if p.get("env"):
                lines.append("environment=" + ",".join(
                    f'{k}="{v}"'.replace("%", "%%") for k, v in p["env"].items() if '"' not in v))
            if p.get("priority"):
                lines.append(f"priority={p['priority']}")
            lines += [
                "autorestart=true", "startsecs=0", "startretries=1000", "stopwaitsecs=5",
                "stopasgroup=true", "killasgroup=true",
                f"stdout_logfile={out}", "stdout_logfile_maxbytes=200MB", "stdout_logfile_backups=1",
                f"stderr_logfile={err}", "stderr_logfile_maxbytes=200MB", "stderr_logfile_backups=1",
                "",
            ]
        with open(self.conf, "w") as f:
            f.write("\n".join(lines))

    def ctl(self, *verb, timeout=60, check=True):
        return run([self.args.supervisorctl, "-c", self.conf] + list(verb), env=self.env(),
                   timeout=timeout, check=check)

    def start(self):
        run([self.args.supervisord, "-c", self.conf], env=self.env(), timeout=60)
        if not wait_for(self.daemon_pid, 30):
            raise RuntimeError("supervisord wrote no pid file")

    def daemon_pid(self):
        return read_pidfile(self.pidfile)

    def status_cmds(self):
        return [("status", [self.args.supervisorctl, "-c", self.conf, "status"])]

    def start_program(self, name):
        self.ctl("start", name)

    def stop(self):
        self.ctl("shutdown", timeout=60, check=False)

    def sanity(self):
        rc, out = self.ctl("status", check=False)
        bad = [l for l in out.splitlines() if l.strip() and " RUNNING " not in l]
        if bad and all(p["autostart"] for p in self.programs):
            return f"supervisorctl status: {bad[:3]}"
        return None


class Pm2(Supervisor):
    name = "pm2"

    def env(self):
        e = super().env()
        e["PM2_HOME"] = os.path.join(self.sess, "pm2home")
        e["PM2_DISABLE_VERSION_CHECK"] = "true"
        return e

    def write_config(self):
        self.conf = os.path.join(self.sess, "ecosystem.json")
        apps = []
        for p in self.programs:
            apps.append({
                "name": p["name"], "script": p["argv"][0], "args": p["argv"][1:],
                "interpreter": "none", "exec_mode": "fork", "cwd": p.get("cwd", self.sess),
                "env": p.get("env", {}),
                "autorestart": True, "restart_delay": 0, "max_restarts": 1000000,
                "kill_timeout": 5000, "merge_logs": True, "time": False,
                "out_file": os.path.join(self.logdir, f"{p['name']}.out.log"),
                "error_file": os.path.join(self.logdir, f"{p['name']}.err.log"),
            })
        with open(self.conf, "w") as f:
            json.dump({"apps": apps}, f, indent=1)

    def pm2(self, *verb, timeout=180, check=True):
        return run([self.args.pm2] + list(verb), env=self.env(), timeout=timeout, check=check)

    def start(self):
        auto = [p["name"] for p in self.programs if p["autostart"]]
        if len(auto) == len(self.programs):
            self.pm2("start", self.conf)
        else:
            self.pm2("ping")
            for name in auto:
                self.pm2("start", self.conf, "--only", name)
        if not wait_for(self.daemon_pid, 30):
            raise RuntimeError("PM2 God daemon wrote no pid file")

    def daemon_pid(self):
        return read_pidfile(os.path.join(self.sess, "pm2home", "pm2.pid"))

    def status_cmds(self):
        return [("status", [self.args.pm2, "jlist"])]

    def start_program(self, name):
        self.pm2("start", self.conf, "--only", name)

    def stop(self):
        self.pm2("kill", timeout=120, check=False)

    def sanity(self):
        rc, out = self.pm2("jlist", check=False)
        try:
            rows = json.loads(out[out.index("["):])
        except ValueError:
            return f"pm2 jlist not parseable: {out[:200]!r}"
        bad = [r["name"] for r in rows if r.get("pm2_env", {}).get("status") != "online"]
        if bad and all(p["autostart"] for p in self.programs):
            return f"pm2 not online: {bad[:5]}"
        return None


# ----------------------------------------------------------------------------- phases

class Bench:
    def __init__(self, args):
        self.args = args
        self.procs = ProcIndex(os.path.join(args.work, "pids.txt"))

    def session(self, sup, tag, programs):
        sess = os.path.join(self.args.work, sup.name, tag)
        os.makedirs(sess, exist_ok=True)
        sup.setup(sess, programs)
        return sess

    def settle_rss(self, pid, secs):
        time.sleep(secs)
        vals = []
        for _ in range(3):
            vals.append(rss_mib(pid))
            time.sleep(0.3)
        vals = [v for v in vals if v is not None]
        return statistics.median(vals) if vals else None

    def teardown(self, sup, r):
        keys = {prog_key(p) for p in sup.programs}
        dpid = sup.daemon_pid()
        if dpid:
            self.procs.record(dpid)
        t = time.time()
        try:
            sup.stop()
        except Exception as e:  # noqa: BLE001
            r.setdefault("errors", []).append(f"stop: {e}")
        gone = wait_for(lambda: not self.procs.scan(keys) and not (dpid and proc_alive(dpid)), 30)
        r.setdefault("stop_secs", []).append(round(time.time() - t, 2))
        if not gone:
            left = self.procs.scan(keys)
            n = sum(len(v) for v in left.values()) + (1 if dpid and proc_alive(dpid) else 0)
            r["leftovers"] = r.get("leftovers", 0) + n
            r.setdefault("errors", []).append(
                f"{n} process(es) still running 30 s after stop: programs {sorted(k[-1].decode(errors='replace') for k in left)[:5]}"
                f"{', daemon' if dpid and proc_alive(dpid) else ''}")
            for pids in left.values():
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
            if dpid and proc_alive(dpid):
                try:
                    os.kill(dpid, signal.SIGKILL)
                except OSError:
                    pass
        else:
            r.setdefault("leftovers", 0)

    def time_status(self, sup, r, label):
        for kind, cmd in sup.status_cmds():
            subprocess.run(cmd, env=sup.env(), timeout=300, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # warm-up, not counted
            times, failed = [], []
            for _ in range(self.args.status_samples):
                t = time.perf_counter()
                res = subprocess.run(cmd, env=sup.env(), timeout=60, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                dt = (time.perf_counter() - t) * 1000
                if res.stdout.strip():  # supervisorctl exits 3 when a program is not RUNNING
                    times.append(dt)
                else:
                    failed.append(f"rc {res.returncode} after {dt:.0f} ms: "
                                  f"{res.stderr.decode(errors='replace').strip()[-200:]!r}")
                    if len(failed) >= 3:
                        break
            if failed:
                r.setdefault("errors", []).append(
                    f"{kind} ({label}): {len(failed)} failed run(s), not counted; first: {failed[0]}")
            if len(times) >= max(1, self.args.status_samples // 2):
                r[f"{kind}_{label}_ms"] = [statistics.median(times), pct(times, 90)]
                log(f"{sup.name}: {kind} ({label} programs) median {statistics.median(times):.1f} ms")
            else:
                log(f"{sup.name}: {kind} ({label} programs) failed: {failed[:1]}")
            r[f"{kind}_cmd"] = " ".join(os.path.basename(c) if i == 0 else c
                                        for i, c in enumerate(cmd) if c != "-c" and not c.endswith((".conf", ".yaml")))

    def phase_idle_small(self, sup, r):
        n = self.args.small
        progs = idle_programs(n)
        self.session(sup, f"idle-{n}", progs)
        keys = {prog_key(p) for p in progs}
        try:
            sup.start()
            dpid = sup.daemon_pid()
            self.procs.record(dpid)
            found = self.procs.wait_all(keys, 60)
            if len(found) != n:
                raise RuntimeError(f"only {len(found)}/{n} programs running after 60 s")
            note = sup.sanity()
            if note:
                r.setdefault("notes", []).append(note)
            r["rss_small"] = self.settle_rss(dpid, self.args.settle)
            r["rss_anon_small"] = rss_mib(dpid, "RssAnon")
            log(f"{sup.name}: RSS with {n} idle programs {r['rss_small']:.1f} MiB")
            self.time_status(sup, r, "small")

            # crash -> new process running
            target = progs[0]
            key = prog_key(target)
            times, fails = [], 0
            for _ in range(self.args.crash_samples):
                cur = self.procs.wait_all({key}, 15).get(key)
                if not cur:
                    fails += 1
                    break
                dt, newpid = crash_once(cur[0], key, 15)
                if dt is None:
                    fails += 1
                    continue
                self.procs.record(newpid)
                times.append(dt * 1000)
                time.sleep(self.args.crash_gap)
            r["crash_ms"] = [statistics.median(times) if times else None, pct(times, 90),
                             len(times), fails, min(times) if times else None,
                             max(times) if times else None]
            if times:
                log(f"{sup.name}: crash -> new pid median {statistics.median(times):.1f} ms "
                    f"p90 {pct(times, 90):.1f} ms ({fails} failed)")
            else:
                log(f"{sup.name}: crash -> new pid: all {fails} attempts failed")

            # memory growth over crash/restart cycles
            dpid = sup.daemon_pid()
            before = self.settle_rss(dpid, 1)
            done, cfail, t = 0, 0, time.time()
            trend = [[0, before]]
            deadline = t + self.args.cycles_timeout
            while done < self.args.cycles and time.time() < deadline:
                cur = self.procs.wait_all({key}, 15).get(key)
                if not cur:
                    cfail += 1
                    break
                dt, newpid = crash_once(cur[0], key, 15)
                if dt is None:
                    cfail += 1
                    if cfail > 5:
                        break
                    continue
                done += 1
                if done % 50 == 0:
                    trend.append([done, rss_mib(dpid)])
                time.sleep(self.args.cycle_gap)
            secs = time.time() - t
            after = self.settle_rss(sup.daemon_pid() or dpid, self.args.settle)
            r["cycles"] = {"done": done, "failed": cfail, "secs": round(secs, 1),
                           "rss_before": before, "rss_after": after, "rss_trend": trend,
                           "daemon_pid_same": sup.daemon_pid() == dpid}
            log(f"{sup.name}: {done} crash/restart cycles in {secs:.1f} s, RSS {before:.1f} -> "
                f"{after:.1f} MiB; RSS every 50 cycles: "
                + " ".join(f"{v:.1f}" for _, v in trend if v is not None)
                if before and after else f"{sup.name}: cycles {r['cycles']}")
            note = sup.sanity()
            if note:
                r.setdefault("notes", []).append("after cycles: " + note)
        finally:
            self.teardown(sup, r)

    def phase_idle_big(self, sup, r):
        n = self.args.big
        progs = idle_programs(n)
        self.session(sup, f"idle-{n}", progs)
        keys = {prog_key(p) for p in progs}
        try:
            t = time.time()
            sup.start()
            dpid = sup.daemon_pid()
            self.procs.record(dpid)
            found = self.procs.wait_all(keys, 180)
            r["start_big_s"] = time.time() - t
            if len(found) != n:
                raise RuntimeError(f"only {len(found)}/{n} programs running after 180 s")
            log(f"{sup.name}: {n} programs running {r['start_big_s']:.2f} s after start")
            note = sup.sanity()
            if note:
                r.setdefault("notes", []).append(note)
            r["rss_big"] = self.settle_rss(dpid, self.args.settle)
            r["rss_anon_big"] = rss_mib(dpid, "RssAnon")
            log(f"{sup.name}: RSS with {n} idle programs {r['rss_big']:.1f} MiB")
            self.time_status(sup, r, "big")
        finally:
            self.teardown(sup, r)

    def phase_log(self, sup, r):
        """--log-runs writers (writer-1..K, not autostarted) started one after the other on one
        daemon; each prints --log-mb MB into its own log file. Reported: median seconds and
        MB/s over the runs, lost/duplicated/split lines summed over all runs, daemon RSS before
        the first and after the last run (so K x log-mb MB went through it) and its VmHWM."""
        lines = self.args.log_mb * 1_000_000 // LINE_BYTES
        expected = lines * LINE_BYTES
        sess = os.path.join(self.args.work, sup.name, "log")
        os.makedirs(sess, exist_ok=True)
        progs = [writer_program(sess, lines, k) for k in range(1, self.args.log_runs + 1)]
        self.session(sup, "log", progs)
        lg = {"bytes_expected": expected, "runs": []}
        r["log"] = lg
        try:
            sup.start()
            dpid = sup.daemon_pid()
            self.procs.record(dpid)
            lg["rss_before"] = self.settle_rss(dpid, 2)
            lg["anon_before"] = rss_mib(dpid, "RssAnon")
            peak = 0.0
            for prog in progs:
                run_r, pk = self.one_log_run(sup, r, prog, sess, lines, expected, dpid)
                peak = max(peak, pk)
                lg["runs"].append(run_r)
                log(f"{sup.name}: {prog['name']}: {run_r.get('secs') or float('nan'):.3f} s "
                    f"({run_r.get('mb_per_s', float('nan')):.1f} MB/s), lost {run_r['lost']}, "
                    f"dup {run_r['dup']}, bad {run_r['bad']}, writer busy "
                    f"{run_r.get('writer_secs', float('nan')):.3f} s, daemon RSS {rss_mib(dpid) or 0:.1f} MiB")
            secs = [x["secs"] for x in lg["runs"] if x.get("secs") is not None]
            ok = len(secs) == len(lg["runs"])
            lg["secs"] = statistics.median(secs) if ok else None
            lg["mb_per_s"] = expected / 1e6 / lg["secs"] if ok else None
            wsecs = [x["writer_secs"] for x in lg["runs"] if x.get("writer_secs") is not None]
            lg["writer_secs"] = statistics.median(wsecs) if wsecs else None
            for k in ("lost", "dup", "bad"):
                lg[k] = sum(x[k] for x in lg["runs"])
            lg["rss_peak_sampled"] = peak
            lg["rss_hwm"] = rss_mib(dpid, "VmHWM")
            lg["rss_after"] = self.settle_rss(dpid, self.args.settle)
            lg["anon_before_after"] = [lg.get("anon_before"), rss_mib(dpid, "RssAnon")]
            # Memory flatness is judged once the daemon has settled: ours hands back the code pages a busy spell
            # brought in after 30-60 s of quiet (supervisor/Daemon/PageReleaser.cs), as it did after its start
            # (where "before" was read). Every supervisor gets the same wait.
            lg["rss_settled"] = self.settle_rss(dpid, self.args.quiet_settle)
            log(f"{sup.name}: log intake median {lg['secs'] or float('nan'):.3f} s, daemon RSS "
                f"{lg['rss_before']:.1f} -> {lg['rss_after']:.1f} MiB (VmHWM {lg['rss_hwm'] or 0:.1f})")
        finally:
            self.teardown(sup, r)

    def one_log_run(self, sup, r, prog, sess, lines, expected, dpid):
        name = prog["name"]
        start_file = os.path.join(sess, f"{name}.start")
        done_file = os.path.join(sess, f"{name}.done")
        files = sup.log_files(name)

        def size():
            total = 0
            for f in files:
                try:
                    total += os.path.getsize(f)
                except OSError:
                    pass
            return total

        out = {}
        sup.start_program(name)
        if not wait_for(lambda: os.path.exists(start_file), 30, 0.002):
            raise RuntimeError(f"{name} did not start within 30 s")
        t_start = float(open(start_file).read())
        last, last_change, peak, t_done = -1, time.time(), 0.0, None
        hard = time.time() + self.args.log_timeout
        while True:
            s = size()
            now = time.time()
            peak = max(peak, rss_mib(dpid) or 0)
            if s >= expected:
                t_done = now
                break
            if s != last:
                last, last_change = s, now
            if now - last_change > 30 or now > hard:
                break
            time.sleep(0.002)
        for pids in self.procs.scan({prog_key(prog)}).values():
            for pid in pids:
                self.procs.record(pid)
        wait_for(lambda: os.path.exists(done_file), 60, 0.05)
        if os.path.exists(done_file):
            out["writer_secs"] = float(open(done_file).read()) - t_start
        time.sleep(1)  # let anything extra (duplicates) land
        out["bytes_logged"] = size()
        if t_done is None:
            r.setdefault("errors", []).append(
                f"log intake {name}: only {out['bytes_logged']} of {expected} bytes arrived")
        else:
            out["secs"] = t_done - t_start
            out["mb_per_s"] = expected / 1e6 / out["secs"]
        out.update(verify_lines(files, lines))
        return out, peak


def verify_lines(files, n):
    seen = bytearray(n)
    bad = 0
    pad = b" " + b"x" * 89
    for path in files:
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            for line in f:
                if len(line) != LINE_BYTES or line[9:99] != pad or not line[:9].isdigit():
                    bad += 1
                    continue
                i = int(line[:9])
                if i >= n:
                    bad += 1
                elif seen[i] < 255:
                    seen[i] += 1
    lost = seen.count(0)
    dup = sum(c - 1 for c in seen if c > 1) if lost != n else 0
    return {"lost": lost, "dup": dup, "bad": bad}


# ----------------------------------------------------------------------------- report

def fmt(v, digits=1):
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def build_table(results, sups, skipped, args):
    def g(sup, *path):
        v = results.get(sup)
        for p in path:
            if v is None:
                return None
            if isinstance(v, dict):
                v = v.get(p)
            elif isinstance(v, list) and isinstance(p, int):
                v = v[p] if p < len(v) else None
            else:
                return None
        return v

    rows = []

    def growth(sup, a, b):
        x, y = g(sup, *a), g(sup, *b)
        return None if x is None or y is None else y - x

    peers = ["supervisord", "pm2"]

    phases = args.phases.split(",")

    def add(metric, getter, goal_text, goal_fn, digits=1, ratio=True, phase=None):
        if phase and phase not in phases:
            return
        vals = {s: getter(s) for s in ["moneybot"] + peers}
        ours = vals["moneybot"]
        ratios = []
        for p in peers:
            pv = vals[p]
            if ratio and isinstance(ours, (int, float)) and isinstance(pv, (int, float)) and pv:
                ratios.append(f"{ours / pv:.2f}x")
            else:
                ratios.append("n/a")
        met = "n/a"
        if goal_fn and ours is not None:
            try:
                res = goal_fn(ours, vals)
                met = "n/a" if res is None else ("yes" if res else "NO")
            except TypeError:
                met = "n/a"
        rows.append([metric] + [fmt(vals[s], digits) for s in ["moneybot"] + peers] + ratios
                    + [goal_text, met])

    sv = lambda vals: vals.get("supervisord")  # noqa: E731
    flat = args.flat_mib
    add(f"daemon RSS, {args.small} idle programs (MiB)", lambda s: g(s, "rss_small"),
        f"<= {RSS_SMALL_GOAL_MB:g} MB ({RSS_SMALL_GOAL_MB * MB_IN_MIB:.1f} MiB)",
        lambda o, v: o <= RSS_SMALL_GOAL_MB * MB_IN_MIB, phase="small")
    add(f"daemon RSS, {args.big} idle programs (MiB)", lambda s: g(s, "rss_big"),
        "< supervisord", lambda o, v: None if sv(v) is None else o < sv(v), phase="big")

    add(f"  of which anonymous (heap etc., not mapped files), {args.small} programs (MiB)",
        lambda s: g(s, "rss_anon_small"), "(info)", None, phase="small")
    add(f"  of which anonymous, {args.big} programs (MiB)", lambda s: g(s, "rss_anon_big"), "(info)", None, phase="big")

    def best_peer(v):
        ps = [v[p] for p in peers if v.get(p) is not None]
        return min(ps) if ps else None
    add(f"crash -> new pid, median of {args.crash_samples} (ms)", lambda s: g(s, "crash_ms", 0),
        "<= best peer", lambda o, v: None if best_peer(v) is None else o <= best_peer(v), phase="small")
    add("crash -> new pid, p90 (ms)", lambda s: g(s, "crash_ms", 1), "", None, phase="small")
    add("crash -> new pid, failed attempts", lambda s: g(s, "crash_ms", 3), "0",
        lambda o, v: o == 0, ratio=False, phase="small")
    add(f"status round trip, {args.small} programs, median of {args.status_samples} (ms)",
        lambda s: g(s, "status_small_ms", 0), f"<= {STATUS_RATIO_GOAL:g}x supervisorctl",
        lambda o, v: None if sv(v) is None else o <= STATUS_RATIO_GOAL * sv(v), phase="small")
    add(f"status round trip, {args.big} programs, median (ms)",
        lambda s: g(s, "status_big_ms", 0), f"<= {STATUS_RATIO_GOAL:g}x supervisorctl",
        lambda o, v: None if sv(v) is None else o <= STATUS_RATIO_GOAL * sv(v), phase="big")
    if any(g("moneybot", "status_wrapper_small_ms") is not None for _ in [0]):
        add(f"  ours via ./moneybot wrapper, {args.small} programs (ms)",
            lambda s: g(s, "status_wrapper_small_ms", 0) if s == "moneybot" else g(s, "status_small_ms", 0),
            "(info)", None, phase="small")
    add(f"log intake {args.log_mb} MB (median of {args.log_runs}): first byte -> all in file (s)", lambda s: g(s, "log", "secs"),
        "", None, digits=3, phase="log")
    def best_peer_rate(v):
        ps = [v[p] for p in peers if v.get(p) is not None]
        return max(ps) if ps else None
    add(f"log intake {args.log_mb} MB: throughput (MB/s)", lambda s: g(s, "log", "mb_per_s"),
        ">= best peer", lambda o, v: None if best_peer_rate(v) is None else o >= best_peer_rate(v), phase="log")
    add(f"log intake: lines lost (all {args.log_runs} runs)", lambda s: g(s, "log", "lost"), "0", lambda o, v: o == 0, ratio=False, phase="log")
    add("log intake: lines duplicated / split", lambda s: (None if g(s, "log", "dup") is None
                                                         else g(s, "log", "dup") + g(s, "log", "bad")),
        "0", lambda o, v: o == 0, ratio=False, phase="log")
    add("log intake: writer's own write time, median (s)", lambda s: g(s, "log", "writer_secs"),
        "(info)", None, digits=3, phase="log")
    add(f"log intake: daemon RSS growth over {args.log_runs}x{args.log_mb} MB, settled {args.quiet_settle:g} s (MiB)",
        lambda s: growth(s, ("log", "rss_before"), ("log", "rss_settled")),
        f"<= +{flat:g} MiB", lambda o, v: o <= flat, ratio=False, phase="log")
    add(f"  right after the last run, {args.settle:g} s (MiB)",
        lambda s: growth(s, ("log", "rss_before"), ("log", "rss_after")), "(info)", None, ratio=False, phase="log")
    add("  of which anonymous (MiB)",
        lambda s: growth(s, ("log", "anon_before_after", 0), ("log", "anon_before_after", 1)),
        "(info)", None, ratio=False, phase="log")
    add("log intake: daemon peak RSS, VmHWM (MiB)", lambda s: g(s, "log", "rss_hwm"), "(info)", None, phase="log")
    add(f"RSS growth after {args.cycles} crash/restart cycles (MiB)",
        lambda s: growth(s, ("cycles", "rss_before"), ("cycles", "rss_after")),
        f"<= +{flat:g} MiB", lambda o, v: o <= flat, ratio=False, phase="small")
    add(f"  time for the {args.cycles} cycles (s)", lambda s: g(s, "cycles", "secs"), "(info)", None, phase="small")
    add(f"start {args.big} programs: start command -> all running (s)", lambda s: g(s, "start_big_s"),
        "(info)", None, digits=2, phase="big")
    if "system" in args.phases.split(","):
        for metric, getter, goal_text, goal_fn in system.table_rows(g, args):
            add(metric, getter, goal_text, goal_fn)
    add("processes left running after stop/down", lambda s: g(s, "leftovers"), "0",
        lambda o, v: o == 0, ratio=False)

    head = ["metric", "moneybot", "supervisord", "pm2", "ours/supervisord", "ours/pm2", "goal", "met?"]
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows]

    notes = []
    for s in ["moneybot"] + peers:
        if s in skipped:
            notes.append(f"- {s}: SKIPPED: {skipped[s]}")
            continue
        cmd = g(s, "status_cmd")
        if cmd:
            notes.append(f"- {s}: status command timed: `{cmd}`")
        for e in (g(s, "errors") or []):
            notes.append(f"- {s}: ERROR: {e}")
        for e in (g(s, "notes") or []):
            notes.append(f"- {s}: note: {e}")
    notes += system.detail_lines(results, ["moneybot"] + peers)
    return "\n".join(out), "\n".join(notes), [dict(zip(head, r)) for r in rows]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--sups", default="moneybot,supervisord,pm2")
    ap.add_argument("--skip", action="append", default=[], help="NAME=reason")
    ap.add_argument("--mb-wrapper", default=None, help="JSON argv prefix of ./moneybot")
    ap.add_argument("--mb-cli", default=None, help="JSON argv prefix of the built CLI binary")
    ap.add_argument("--supervisord", default="supervisord")
    ap.add_argument("--supervisorctl", default="supervisorctl")
    ap.add_argument("--pm2", default="pm2")
    ap.add_argument("--small", type=int, default=4)
    ap.add_argument("--big", type=int, default=100)
    ap.add_argument("--crash-samples", type=int, default=20)
    ap.add_argument("--crash-gap", type=float, default=1.5)
    ap.add_argument("--status-samples", type=int, default=20)
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--cycle-gap", type=float, default=0.05)
    ap.add_argument("--cycles-timeout", type=float, default=420)
    ap.add_argument("--log-mb", type=int, default=100)
    ap.add_argument("--log-runs", type=int, default=3)
    ap.add_argument("--log-timeout", type=float, default=300)
    ap.add_argument("--settle", type=float, default=5)
    ap.add_argument("--quiet-settle", type=float, default=65,
                    help="seconds of quiet before the settled RSS after the log runs")
    ap.add_argument("--flat-mib", type=float, default=2)
    ap.add_argument("--phases", default="small,big,log", help="small,big,log,system")
    ap.add_argument("--system-secs", type=float, default=300, help="phase system: how long it runs")
    ap.add_argument("--system-config", default=None, help="default: REPO/config/moneybot.yaml")
    ap.add_argument("--build-dir", default=None, help="the built executables, default: REPO/.build")
    ap.add_argument("--out", default=None)
    ap.add_argument("--json-out", default=None)
    ap.add_argument("--log-file", default=None)
    ap.add_argument("--wait-quiet", type=float, default=0,
                    help="wait up to this many seconds for an idle machine before starting")
    args = ap.parse_args()
    global LOG_FILE
    LOG_FILE = args.log_file
    if LOG_FILE:
        open(LOG_FILE, "w").close()
    args.mb_wrapper = json.loads(args.mb_wrapper) if args.mb_wrapper else [os.path.join(args.repo, "moneybot")]
    args.mb_cli = json.loads(args.mb_cli) if args.mb_cli else args.mb_wrapper
    args.system_config = args.system_config or os.path.join(args.repo, "config", "moneybot.yaml")
    args.build_dir = os.path.abspath(args.build_dir or os.path.join(args.repo, ".build"))

    skipped = dict(s.split("=", 1) for s in args.skip)
    classes = {"moneybot": Moneybot, "supervisord": Supervisord, "pm2": Pm2}
    sups = [s for s in args.sups.split(",") if s and s not in skipped]
    phases = args.phases.split(",")
    bench = Bench(args)
    system_phase = system.SystemPhase(bench, args, log)
    results = {}
    load_start = open("/proc/loadavg").read().split()[:3]
    started = time.time()
    for name in sups:
        sup = classes[name](args)
        r = results.setdefault(name, {})
        for ph, fn in [("small", bench.phase_idle_small), ("big", bench.phase_idle_big),
                       ("log", bench.phase_log), ("system", system_phase.run)]:
            if ph not in phases:
                continue
            if args.wait_quiet > 0:
                wait_quiet(args.wait_quiet)
            log(f"=== {name}: phase {ph}")
            try:
                fn(sup, r)
            except Exception as e:  # noqa: BLE001
                log(f"{name}: phase {ph} FAILED: {e}")
                r.setdefault("errors", []).append(f"phase {ph}: {e}")
    for name in classes:
        if name not in sups and name not in skipped:
            skipped[name] = "not selected (--sups)"

    table, notes, rows = build_table(results, sups, skipped, args)
    load_end = open("/proc/loadavg").read().split()[:3]
    busy = max(float(load_start[0]), float(load_end[0])) > 1.5
    header = (f"MoneyBot Supervisor benchmark, {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, "
              f"{os.cpu_count()} CPUs, took {time.time() - started:.0f} s, load average "
              f"{' '.join(load_start)} at start, {' '.join(load_end)} at end"
              f"{'  (WARNING: machine busy with other work, timings are noisy)' if busy else ''}\n"
              f"ratios are ours / peer; RSS = the daemon process only (supervisord, PM2 God daemon, "
              f"moneybot daemon); 'flat' threshold +{args.flat_mib:g} MiB\n")
    text = header + "\n" + table + "\n\n" + notes + "\n"
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"results": results, "skipped": skipped, "argv": sys.argv, "rows": rows}, f, indent=1,
                      default=str)


if __name__ == "__main__":
    main()
