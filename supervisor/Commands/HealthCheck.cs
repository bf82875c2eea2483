using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Commands;

/// <summary>What <c>health</c> reports: the autostart programs that are not as they should be, and why.</summary>
public static class HealthCheck
{
    /// <summary>
    /// One line per autostart program that is not RUNNING. The programs whose own dependencies are fine (the root
    /// causes) come first; a program held up by a dependency says which one, so nobody blames the bots for a dead
    /// exchange.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<(ProgramStatus Status, ProgramConfig Config)> programs)
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
                    : $"{status.Name}: {status.State.Label()} ({status.Reason})";
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
            : $"{cause.Name} is {cause.State.Label()}";

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
}
