using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>Turns control requests into operations on the daemon's programs.</summary>
internal sealed class ControlHandler(SupervisorDaemon daemon)
{
    public async Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var programs = daemon.Programs;
        switch (request.Verb)
        {
            case "ping":
                return new ControlResponse(true, "pong");
            case "status":
                if (request.Target is { } name && programs.Find(name) is null)
                {
                    return UnknownTarget(name, programs);
                }

                return Report(
                    true,
                    daemon.TelegramProblem, // shown under the table: Telegram is how the operator gets alerts
                    programs.Statuses().Where(s => request.Target is null || s.Name == request.Target)
                );
            case "health":
                var problems = HealthProblems(programs.Programs.Select(p => (p.Status(), p.Config)).ToList());
                return new ControlResponse(
                    problems.Count == 0,
                    problems.Count == 0 ? "healthy" : $"{problems.Count} problem(s)",
                    Problems: problems
                );
            case "up":
                var autostart = programs.AutostartSet();
                await programs.StartAsync(autostart, byOperator: false, cancellationToken).ConfigureAwait(false);
                var up = Outcome(programs, autostart.Select(p => p.Name).ToList(), "started");
                var held = programs.Statuses().Where(s => s.StoppedByOperator).Select(s => s.Name).ToList();
                return held.Count == 0
                    ? up
                    : up with
                    {
                        Message =
                            $"{up.Message}; left stopped by operator: {string.Join(", ", held)} (./moneybot start "
                            + $"<name>)",
                    };
            case "start" or "stop" or "restart":
                return await TargetAsync(request, programs, cancellationToken).ConfigureAwait(false);
            case "report":
                var report =
                    request.Target == "daily" ? daemon.Reports.DailySummary() : daemon.Reports.Health(daemon.StartedAt);
                return new ControlResponse(true, report.ToPlainText().TrimEnd('\n'));
            case "reload":
                return await daemon.ReloadAsync(cancellationToken).ConfigureAwait(false);
            case "down":
                await daemon.ShutdownAsync("down requested").ConfigureAwait(false);
                return new ControlResponse(true, "all programs stopped; daemon exiting");
            default:
                return new ControlResponse(false, $"unknown verb '{request.Verb}'", Usage: true);
        }
    }

    /// <summary>
    /// One line per autostart program that is not RUNNING. The programs whose own dependencies are fine (the root
    /// causes) come first; a program held up by a dependency says which one, so nobody blames the bots for a dead
    /// exchange.
    /// </summary>
    public static IReadOnlyList<string> HealthProblems(
        IReadOnlyList<(ProgramStatus Status, ProgramConfig Config)> programs
    )
    {
        var byName = programs.ToDictionary(p => p.Status.Name);
        var lines = new List<(bool RootCause, string Line)>();
        foreach (var (status, config) in programs)
        {
            if (!status.Autostart || (status.State == ProgramState.Running && !Silent(status, config)))
            {
                continue;
            }

            var line =
                status.State == ProgramState.Running
                    ? $"{status.Name}: RUNNING but no WATCHDOG=1 for {Durations.Format(status.WatchdogSilence!.Value)} "
                        + $"(watchdog {Durations.Format(config.Watchdog)}; it says: {status.StatusText ?? "nothing"})"
                    : $"{status.Name}: {status.State.ToString().ToUpperInvariant()} ({status.Reason})";
            var causes = DownDependencies(status.Name, byName);
            lines.Add(
                causes.Count == 0
                    ? (true, line)
                    : (false, $"{line}; cause: {string.Join(", ", causes.Select(Describe))}")
            );
        }

        return lines.OrderByDescending(l => l.RootCause).Select(l => l.Line).ToList();
    }

    /// <summary>
    /// A watched program whose pings stopped for half its watchdog: it pings every third of it when well, so it
    /// has stopped saying it works (stale input, a market behind its state, a hang) even before the watchdog
    /// restarts it.
    /// </summary>
    private static bool Silent(ProgramStatus status, ProgramConfig config) =>
        config.Watchdog > TimeSpan.Zero && status.WatchdogSilence > config.Watchdog / 2;

    private static string Describe(ProgramStatus cause) =>
        cause.State == ProgramState.Running
            ? $"{cause.Name} is frozen (no WATCHDOG=1 for {Durations.Format(cause.WatchdogSilence ?? TimeSpan.Zero)})"
            : $"{cause.Name} is {cause.State.ToString().ToUpperInvariant()}";

    /// <summary>
    /// The dependencies, direct or not, of <paramref name="name"/> that are not RUNNING or are silent, deepest first.
    /// </summary>
    private static List<ProgramStatus> DownDependencies(
        string name,
        Dictionary<string, (ProgramStatus Status, ProgramConfig Config)> byName
    )
    {
        var down = new List<ProgramStatus>();
        var seen = new HashSet<string>();
        void Visit(string program)
        {
            if (!byName.TryGetValue(program, out var entry))
            {
                return;
            }

            foreach (var dependency in entry.Config.DependsOn.Where(seen.Add))
            {
                Visit(dependency);
                if (
                    byName.TryGetValue(dependency, out var d)
                    && (d.Status.State != ProgramState.Running || Silent(d.Status, d.Config))
                )
                {
                    down.Add(d.Status);
                }
            }
        }

        Visit(name);
        return down;
    }

    private static async Task<ControlResponse> TargetAsync(
        ControlRequest request,
        ProgramSet programs,
        CancellationToken cancellationToken
    )
    {
        if (string.IsNullOrWhiteSpace(request.Target))
        {
            return new ControlResponse(false, $"{request.Verb} needs a program, a group or 'all'", Usage: true);
        }

        if (programs.Resolve(request.Target) is not { } targets)
        {
            return UnknownTarget(request.Target, programs);
        }

        var names = targets.Select(t => t.Name).ToList();
        if (request.Verb is "stop" or "restart")
        {
            await programs
                .StopAsync(targets, byOperator: request.Verb == "stop", cancellationToken)
                .ConfigureAwait(false);
        }

        if (request.Verb == "stop")
        {
            return Outcome(programs, names, "stopped");
        }

        await programs.StartAsync(targets, byOperator: true, cancellationToken).ConfigureAwait(false);
        return Outcome(programs, names, request.Verb == "start" ? "started" : "restarted");
    }

    private static ControlResponse Outcome(ProgramSet programs, List<string> names, string verbed)
    {
        var statuses = programs.Statuses().Where(s => names.Contains(s.Name)).ToList();
        var wanted = verbed == "stopped" ? ProgramState.Stopped : ProgramState.Running;
        var failed = statuses
            .Where(s => s.State != wanted)
            .Select(s => $"{s.Name}: {s.State.ToString().ToUpperInvariant()} ({s.Reason})")
            .ToList();
        var message =
            failed.Count == 0
                ? $"{verbed} {string.Join(", ", names)}"
                : $"{failed.Count} of {names.Count} not {verbed}";
        return new ControlResponse(
            failed.Count == 0,
            message,
            programs.Statuses().Select(ProgramStatusDto.From).ToList(),
            failed
        );
    }

    private static ControlResponse Report(bool ok, string? message, IEnumerable<ProgramStatus> statuses) =>
        new(ok, message, statuses.Select(ProgramStatusDto.From).ToList());

    private static ControlResponse UnknownTarget(string target, ProgramSet programs)
    {
        var known = programs
            .Programs.Select(p => p.Name)
            .Concat(programs.Programs.Select(p => p.Config.Group).OfType<string>().Distinct());
        return new ControlResponse(
            false,
            $"no program or group named '{target}' (known: {string.Join(", ", known)}, all)",
            Usage: true
        );
    }
}
