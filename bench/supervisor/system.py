"""Phase `system` of bench.py: the default offline system under each supervisor, and its memory.

The shipped config/moneybot.yaml is copied into a fresh base directory per supervisor (config/,
run/, logs/, data/ all under --work; `.build` there is a link to the executables the run uses), so
nothing in the repository is written. Ours runs it as it is (`moneybot up -c COPY`). After
--system-secs, counted from the start command, every process is read from /proc:
smaps_rollup `Pss:`, `Rss:`, `Anonymous:` and the thread count.

The peers run the same five programs with the same executables, arguments, working directory and
environment. Those are taken from ours: /proc/PID/cmdline, cwd and environ of each program our daemon
started, less what is ours alone (NOTIFY_SOCKET, WATCHDOG_USEC, MONEYBOT_RUN_DIR/_INSTANCE/_PROGRAM).
When ours did not run, they are resolved from the YAML (PyYAML) with the rules of docs/supervisor.md
2.6-2.9. The peers have no notify protocol, so READY/WATCHDOG are simply not sent (the bots send
nothing when NOTIFY_SOCKET is unset); the exchange is started first (supervisord `priority`, PM2 app
order), the bots retry until it listens.
"""
import json
import os
import re
import shutil
import socket
import time

# What only our daemon sets in a program's environment: not given to the peers' programs.
OURS_ONLY_ENV = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "MONEYBOT_RUN_DIR", "MONEYBOT_INSTANCE",
                  "MONEYBOT_PROGRAM")
# What our daemon passes on from its own environment (docs/supervisor.md 2.9).
BASE_ENV = ("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR",
            "DOTNET_ROOT", "SSL_CERT_FILE", "SSL_CERT_DIR")
LIVE = ["extgap-3m", "extgap-15m", "extgap-1h", "orderflow"]  # the bots; + the daemon = the five
SIM = "exchange"
PSS_GOAL_MB = 100


def smaps_rollup(pid):
    """{'pss': MiB, 'rss': MiB, 'anon': MiB, 'threads': n} of one process, or None."""
    out = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0] in ("Rss:", "Pss:", "Anonymous:"):
                    out[parts[0][:-1].lower().replace("anonymous", "anon")] = int(parts[1]) / 1024.0
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    out["threads"] = int(line.split()[1])
    except (OSError, ValueError):
        return None
    return out if "pss" in out else None


def ppid_of(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return int(data[data.rindex(b")") + 2:].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def children_map():
    """{ppid: [pids]} of every live process."""
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            pp = ppid_of(entry)
            if pp is not None:
                out.setdefault(pp, []).append(int(entry))
    return out


def descendants(pid, cmap):
    out, todo = [], list(cmap.get(pid, []))
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(cmap.get(p, []))
    return out


def port_free(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def expand(value, env):
    """${NAME}, ${NAME:-default}, $$ as the supervisor expands them (2.8)."""
    def rep(m):
        if m.group(0) == "$$":
            return "$"
        name, default = m.group(1), m.group(3)
        v = env.get(name)
        if m.group(2) is not None:
            return v if v else (default or "")
        if v is None:
            raise ValueError(f"variable {name} is not set")
        return v
    return re.sub(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}", rep, str(value))


def specs_from_yaml(conf, base, daemon_env):
    """The programs of a config as our daemon would start them: argv, cwd, env (no notify)."""
    try:
        import yaml  # noqa: PLC0415 (only needed when ours did not run)
    except ImportError:
        return None, "PyYAML not installed (ours did not run, so the programs could not be taken from it)"
    with open(conf) as f:
        doc = yaml.safe_load(f)
    base_env = {k: v for k, v in daemon_env.items() if k in BASE_ENV or k.startswith("LC_")}
    base_env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    specs = []
    for name, p in (doc.get("programs") or {}).items():
        cmd = expand(p["command"], daemon_env)
        if "/" in cmd and not os.path.isabs(cmd):
            cmd = os.path.join(base, cmd)
        cwd = expand(p.get("cwd", base), daemon_env)
        env = dict(base_env)
        env.update({k: expand(v, daemon_env) for k, v in (p.get("env") or {}).items()})
        specs.append({"name": name, "argv": [cmd] + [expand(a, daemon_env) for a in p.get("args") or []],
                      "cwd": cwd if os.path.isabs(cwd) else os.path.join(base, cwd), "env": env,
                      "depends_on": p.get("depends_on") or []})
    return specs, None


def spec_from_proc(name, pid, depends_on):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        argv = [a.decode() for a in f.read().split(b"\0")[:-1]]
    with open(f"/proc/{pid}/environ", "rb") as f:
        env = dict(kv.decode().split("=", 1) for kv in f.read().split(b"\0") if b"=" in kv)
    for k in OURS_ONLY_ENV:
        env.pop(k, None)
    return {"name": name, "argv": argv, "cwd": os.readlink(f"/proc/{pid}/cwd"), "env": env,
            "depends_on": depends_on}


def rebase(spec, old, new):
    """The same program for another base directory (its own data/, logs)."""
    def r(s):
        return new + s[len(old):] if s == old or s.startswith(old + "/") else s
    return {**spec, "argv": [r(a) for a in spec["argv"]], "cwd": r(spec["cwd"]),
            "env": {k: r(v) for k, v in spec["env"].items()}}


class SystemPhase:
    """Runs the default system under one supervisor; fills r['system']."""

    def __init__(self, bench, args, log):
        self.bench = bench
        self.args = args
        self.log = log
        self.specs = None  # resolved from ours, shared with the peers
        self.specs_base = None
        self.specs_reason = None
        with open(args.system_config) as f:
            self.yaml_text = f.read()

    def make_base(self, sess):
        """A fresh base dir: config/moneybot.yaml (the shipped one; ports moved only if taken), .build."""
        base = os.path.join(sess, "base")
        if os.path.exists(base):
            shutil.rmtree(base)
        os.makedirs(os.path.join(base, "config"))
        os.makedirs(os.path.join(base, "data"))
        os.symlink(self.args.build_dir, os.path.join(base, ".build"))
        text, moved = self.yaml_text, []
        for port in (8090, 8091):
            if not port_free(port):
                new = free_port()
                text = text.replace(f"127.0.0.1:{port}", f"127.0.0.1:{new}")
                moved.append(f"{port} -> {new}")
        conf = os.path.join(base, "config", "moneybot.yaml")
        with open(conf, "w") as f:
            f.write(text)
        return base, conf, moved

    def run(self, sup, r):
        name = sup.name
        sess = os.path.join(self.args.work, name, "system")
        os.makedirs(sess, exist_ok=True)
        base, conf, moved = self.make_base(sess)
        sy = {"secs": self.args.system_secs, "procs": {}}
        r["system"] = sy
        if moved:
            r.setdefault("notes", []).append(f"system: ports taken by something else, moved {', '.join(moved)}")
        if name == "moneybot":
            sup.sess, sup.logdir, sup.conf = base, os.path.join(base, "logs"), conf
            sup.run_dir = os.path.join(base, "run")
            sup.programs = []
            sup.clean_env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        else:
            specs = self.peer_specs(base, conf)
            if specs is None:
                sy["na"] = self.specs_reason
                raise RuntimeError(f"system: {self.specs_reason}")
            programs = []
            for i, s in enumerate(specs):
                programs.append({"name": s["name"], "argv": s["argv"], "autostart": True, "cwd": s["cwd"],
                                 "env": s["env"], "priority": 100 if not s["depends_on"] else 200,
                                 "order": i})
            programs.sort(key=lambda p: (p["priority"], p["order"]))
            sup.clean_env = dict(specs[0]["env"])  # the daemon itself runs with the programs' base env
            for k in list(sup.clean_env):
                if k not in BASE_ENV and not k.startswith("LC_"):
                    del sup.clean_env[k]
            sup.clean_env["MBBENCH_TAG"] = os.environ.get("MBBENCH_TAG", "")
            sup.setup(sess, programs)
        t0 = time.time()
        try:
            sup.start()
            dpid = sup.daemon_pid()
            if not dpid:
                raise RuntimeError("no daemon pid after start")
            self.bench.procs.record(dpid)
            if name == "moneybot":
                self.capture_ours(sup, base, r)
            keys = {self.key(p["argv"]): p["name"] for p in sup.programs}
            seen, restarts = {}, {n: 0 for n in keys.values()}
            deadline = t0 + self.args.system_secs
            while True:
                cmap = children_map()
                for pid in cmap.get(dpid, []):
                    self.bench.procs.record(pid)
                    prog = keys.get(self.key_of(pid))
                    if prog is None:
                        continue
                    if prog in seen and seen[prog] != pid:
                        restarts[prog] += 1
                    seen[prog] = pid
                if time.time() >= deadline:
                    break
                time.sleep(min(2.0, max(0.05, deadline - time.time())))
            sy["elapsed"] = round(time.time() - t0, 1)
            cmap = children_map()
            progs = {}
            for pid in cmap.get(dpid, []):
                prog = keys.get(self.key_of(pid))
                if prog is not None:
                    progs.setdefault(prog, []).append(pid)
            sy["procs"]["daemon"] = self.measure([dpid], {})
            for prog in [SIM] + LIVE:
                pids = progs.get(prog, [])
                sy["procs"][prog] = self.measure(pids, cmap) if pids else None
            sy["restarts"] = restarts
            sy["data_bytes"] = self.data_bytes(base)
            missing = [p for p in [SIM] + LIVE if sy["procs"].get(p) is None]
            if missing:
                r.setdefault("errors", []).append(f"system: not running at the reading: {missing}")
            live = [sy["procs"].get(p) for p in ["daemon"] + LIVE]
            if all(live):
                for k in ("pss", "rss", "anon"):
                    sy[f"five_{k}"] = sum(x[k] for x in live)
            kids = [sy["procs"].get(p) for p in [SIM] + LIVE]
            if all(kids):
                sy["children_pss"] = sum(x["pss"] for x in kids)
            churn = {k: v for k, v in restarts.items() if v}
            if churn:
                r.setdefault("notes", []).append(f"system: programs restarted during the run: {churn}")
            note = sup.sanity()
            if note:
                r.setdefault("notes", []).append(f"system: {note}")
            self.log(f"{name}: system after {sy['elapsed']:.0f} s: "
                     + ", ".join(f"{k} PSS {v['pss']:.1f}" for k, v in sy["procs"].items() if v)
                     + (f"; five live {sy['five_pss']:.1f} MiB" if "five_pss" in sy else ""))
        finally:
            self.bench.teardown(sup, r)
            sup.clean_env = None

    @staticmethod
    def key(argv):
        return (os.path.basename(argv[0]),) + tuple(argv[1:]) if argv else None

    def key_of(self, pid):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = [a.decode(errors="replace") for a in f.read().split(b"\0")[:-1]]
        except OSError:
            return None
        return self.key(argv)

    @staticmethod
    def measure(pids, cmap):
        """The program's processes and their descendants, summed."""
        tot, n = {"pss": 0.0, "rss": 0.0, "anon": 0.0, "threads": 0}, 0
        every = []
        for pid in pids:
            every += [pid] + descendants(pid, cmap)
        for pid in every:
            m = smaps_rollup(pid)
            if m:
                n += 1
                for k in tot:
                    tot[k] += m.get(k, 0)
        if not n:
            return None
        tot["pids"] = every
        return tot

    @staticmethod
    def data_bytes(base):
        total = 0
        for root, _, files in os.walk(os.path.join(base, "data")):
            for f in files:
                try:
                    total += os.path.getsize(os.path.join(root, f))
                except OSError:
                    pass
        return total

    def capture_ours(self, sup, base, r):
        """The programs our daemon started, exactly (argv, cwd, env) from /proc."""
        rc, out = sup.cli("status", "--json", check=False)
        try:
            rows = json.loads(out[out.index("["):])
        except ValueError:
            r.setdefault("errors", []).append(f"system: status --json not parseable (rc {rc})")
            return
        deps = self.yaml_deps()
        specs = []
        for row in rows:
            if row.get("pid"):
                try:
                    specs.append(spec_from_proc(row["name"], row["pid"], deps.get(row["name"], [])))
                except OSError:
                    pass
        bad = [f"{x.get('name')}={x.get('state')}" for x in rows if x.get("state") != "RUNNING"]
        if bad:
            r.setdefault("notes", []).append(f"system: after `up`, not RUNNING: {bad}")
        sup.programs = [{"name": s["name"], "argv": s["argv"], "autostart": True} for s in specs]
        if len(specs) == len(rows) and rows:
            self.specs, self.specs_base = specs, base
        self.log(f"moneybot: system: {len(specs)} programs captured from /proc for the peers")

    def yaml_deps(self):
        """depends_on per program, from the YAML text (a peer starts those without deps first)."""
        deps, cur = {}, None
        for line in self.yaml_text.splitlines():
            m = re.match(r"^  ([A-Za-z0-9][A-Za-z0-9_.-]*):\s*(#.*)?$", line)
            if m:
                cur = m.group(1)
            m = re.match(r"^\s+depends_on:\s*\[(.*)\]", line)
            if m and cur:
                deps[cur] = [x.strip() for x in m.group(1).split(",") if x.strip()]
        return deps

    def peer_specs(self, base, conf):
        if self.specs:
            return [rebase(s, self.specs_base, base) for s in self.specs]
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        try:
            specs, why = specs_from_yaml(conf, base, env)
        except (ValueError, KeyError, OSError) as e:
            specs, why = None, f"could not resolve the programs from the YAML: {e}"
        self.specs_reason = why
        return specs


def table_rows(g, args):
    """Rows for bench.py's table: (metric, getter, goal text, goal fn, digits)."""
    secs = args.system_secs
    mib_goal = PSS_GOAL_MB * 1e6 / 1048576
    rows = [(f"default system after {secs:g} s: daemon PSS (MiB)", lambda s: g(s, "system", "procs", "daemon", "pss"),
             "(info)", None)]
    for p in LIVE:
        rows.append((f"  {p} PSS (MiB)", lambda s, p=p: g(s, "system", "procs", p, "pss"), "(info)", None))
    rows += [
        ("  five live processes (daemon + 3 ext-gap + order-flow) PSS (MiB)", lambda s: g(s, "system", "five_pss"),
         f"<= {PSS_GOAL_MB} MB ({mib_goal:.1f} MiB)", lambda o, v: o <= mib_goal),
        ("  five live processes RSS (MiB)", lambda s: g(s, "system", "five_rss"), "(info)", None),
        ("  five live processes anonymous (MiB)", lambda s: g(s, "system", "five_anon"), "(info)", None),
        ("  exchange simulator PSS, apart (MiB)", lambda s: g(s, "system", "procs", SIM, "pss"), "(info)", None),
        ("  children total PSS: 4 bots + simulator (MiB)", lambda s: g(s, "system", "children_pss"), "(info)",
         None),
    ]
    return rows


def detail_lines(results, sups):
    """Per process, per supervisor: PSS / RSS / anonymous MiB and threads."""
    out = []
    for s in sups:
        sy = (results.get(s) or {}).get("system")
        if not sy or not sy.get("procs"):
            continue
        out.append(f"- {s}: system after {sy.get('elapsed', sy['secs'])} s, PSS / RSS / anonymous MiB, threads:")
        for p in ["daemon", SIM] + LIVE:
            m = sy["procs"].get(p)
            cell = "not running" if not m else (f"{m['pss']:.1f} / {m['rss']:.1f} / {m['anon']:.1f}, "
                                                f"{m['threads']} threads")
            out.append(f"    {p:<11} {cell}")
        out.append(f"    CSV/state data written by the bots: {sy.get('data_bytes', 0) / 1e3:.0f} kB")
    return out
