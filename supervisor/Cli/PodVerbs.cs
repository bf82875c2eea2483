using System.CommandLine;
using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Export;
using MoneyBot.Supervisor.Pod;

namespace MoneyBot.Supervisor.Cli;

/// <summary>
/// <c>pod run|probe|wait</c>: what the containers of <c>export kubernetes</c> run (docs/supervisor.md 17): one
/// program without the daemon, its probes, and the wait for the programs it depends on.
/// </summary>
internal static class PodVerbs
{
    public static System.CommandLine.Command Create(Func<ParseResult, CliContext> context)
    {
        var stateDir = new Option<string>("--state-dir")
        {
            Description = "Where the notify socket and the state for the probes are.",
            DefaultValueFactory = _ => KubernetesManifests.PodStateDirectory,
        };
        return new System.CommandLine.Command("pod", "Run one program in a container (export kubernetes).")
        {
            Run(context, stateDir),
            Probe(context, stateDir),
            Wait(context),
        };
    }

    private static System.CommandLine.Command Run(Func<ParseResult, CliContext> context, Option<string> stateDir)
    {
        var name = new Argument<string>("name") { Description = "The program's name." };
        var command = new Argument<string[]>("command")
        {
            Description = "After --: the program and its arguments.",
            Arity = ArgumentArity.OneOrMore,
        };
        var ready = new Option<string>("--ready")
        {
            Description = "notify (READY=1) or start_secs.",
            DefaultValueFactory = _ => "start_secs",
        };
        ready.AcceptOnlyFromAmong("notify", "start_secs");
        var startSecs = DurationOption("--start-secs", "With --ready start_secs: how long it must run.", "3s");
        var watchdog = DurationOption("--watchdog", "WATCHDOG=1 at least this often (0: none).", "0s");
        var stopTimeout = DurationOption("--stop-timeout", "SIGKILL this long after the stop signal.", "30s");
        var stopSignal = new Option<string>("--stop-signal")
        {
            Description = "Sent to the program's process group on SIGTERM: TERM, INT, HUP, QUIT, KILL, USR1, USR2.",
            DefaultValueFactory = _ => "TERM",
        };
        stopSignal.Validators.Add(r =>
        {
            if (Signal(r.GetValueOrDefault<string>()) is null)
            {
                r.AddError($"--stop-signal: expected TERM, INT, HUP, QUIT, KILL, USR1 or USR2");
            }
        });
        var run = new System.CommandLine.Command(
            "run",
            "Run a program as the container's main process, with the notify protocol and the probes' state."
        )
        {
            name,
            command,
            ready,
            startSecs,
            watchdog,
            stopSignal,
            stopTimeout,
            stateDir,
        };
        run.SetAction(
            (p, ct) =>
                new PodRunner(
                    new PodRunOptions(
                        p.GetValue(name)!,
                        p.GetValue(command)!,
                        p.GetValue(ready) == "notify" ? ReadyMode.Notify : ReadyMode.StartSecs,
                        Duration(p, startSecs),
                        Duration(p, watchdog),
                        Signal(p.GetValue(stopSignal))!.Value,
                        Duration(p, stopTimeout),
                        p.GetValue(stateDir)!
                    ),
                    context(p).Error
                ).RunAsync(ct)
        );
        return run;
    }

    private static System.CommandLine.Command Probe(Func<ParseResult, CliContext> context, Option<string> stateDir)
    {
        var name = new Argument<string>("name") { Description = "The program's name." };
        var ready = new Option<bool>("--ready") { Description = "Ready: READY=1 came (readiness, startup)." };
        var live = new Option<bool>("--live") { Description = "Alive: running, WATCHDOG=1 in time (liveness)." };
        var probe = new System.CommandLine.Command(
            "probe",
            "Exit 0 when the program is ready (--ready) or alive (--live)."
        )
        {
            name,
            ready,
            live,
            stateDir,
        };
        probe.Validators.Add(r =>
        {
            if (r.GetValue(ready) == r.GetValue(live))
            {
                r.AddError("say --ready or --live");
            }
        });
        probe.SetAction(p =>
            PodProbe.Check(p.GetValue(stateDir)!, p.GetValue(name)!, p.GetValue(live), context(p).Output)
        );
        return probe;
    }

    private static System.CommandLine.Command Wait(Func<ParseResult, CliContext> context)
    {
        var hosts = new Argument<string[]>("host")
        {
            Description = "The dependencies' Service names.",
            Arity = ArgumentArity.OneOrMore,
        };
        var timeout = DurationOption("--timeout", "Give up after this long (0: never).", "0s");
        var wait = new System.CommandLine.Command("wait", "Wait until every host name resolves (its pod is ready).")
        {
            hosts,
            timeout,
        };
        wait.SetAction(
            (p, ct) =>
                PodWait.RunAsync(
                    p.GetValue(hosts)!,
                    Duration(p, timeout) is var t && t > TimeSpan.Zero ? t : null,
                    context(p).Output,
                    ct
                )
        );
        return wait;
    }

    private static Option<string> DurationOption(string name, string description, string fallback)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.Validators.Add(r =>
        {
            if (!Durations.TryParse(r.GetValueOrDefault<string>() ?? "", out _))
            {
                r.AddError($"{name}: expected {NodeReader.DurationForm}, found '{r.GetValueOrDefault<string>()}'");
            }
        });
        return option;
    }

    private static TimeSpan Duration(ParseResult parse, Option<string> option) =>
        Durations.TryParse(parse.GetValue(option) ?? "", out var value) ? value : TimeSpan.Zero;

    private static StopSignal? Signal(string? text) =>
        ProgramSettingsReader.Signals.TryGetValue((text ?? "").Trim().ToUpperInvariant(), out var signal)
            ? signal
            : null;
}
