using System.Globalization;
using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Reports;

/// <summary>Builds the health report and the daily summary from the programs' statuses and the crash ledger.</summary>
public sealed class ReportBuilder(
    Func<IReadOnlyList<ProgramStatus>> statuses,
    CrashLedger ledger,
    string logDir,
    TimeProvider time,
    DateTimeOffset daemonStarted
)
{
    /// <summary>When the daemon started (the health report on demand counts restarts since then).</summary>
    public DateTimeOffset DaemonStarted => daemonStarted;

    /// <summary>
    /// All programs with state, uptime and restarts since <paramref name="since"/>, and disk used by logs.
    /// </summary>
    public Report Health(DateTimeOffset since)
    {
        var now = time.GetUtcNow();
        var crashes = ledger.CountSince(since);
        var programs = statuses();
        var width = programs.Select(p => p.Name.Length).DefaultIfEmpty(4).Max();
        var lines = programs
            .Select(p =>
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{p.Name.PadRight(width)}  {p.State.Label(), -8}  "
                        + $"up {(p.Uptime is { } u ? Durations.Format(u) : "-"), -7}  restarts "
                        + $"{crashes.GetValueOrDefault(p.Name)}"
                )
            )
            .ToList();
        var healthy = programs.Count(p => !p.Autostart || p.State == ProgramState.Running);
        lines.Add(string.Empty);
        lines.Add(
            $"{healthy}/{programs.Count} as expected; restarts counted over the last {Durations.Format(now - since)}"
        );
        lines.Add(
            $"logs use {ByteSizes.Format(LogDiskUsage())} in {logDir}; supervisor up "
                + $"{Durations.Format(now - daemonStarted)}"
        );
        return new Report($"Health report {now:yyyy-MM-dd HH:mm} UTC", lines);
    }

    /// <summary>The last 24 hours: crashes per program, FATAL programs, current states.</summary>
    public Report DailySummary()
    {
        var now = time.GetUtcNow();
        var crashes = ledger.CountSince(now - TimeSpan.FromDays(1));
        var programs = statuses();
        var lines = new List<string>
        {
            $"{programs.Count(p => p.State == ProgramState.Running)} of {programs.Count} programs running",
            crashes.Count == 0 ? "no crashes in the last 24h" : $"{crashes.Values.Sum()} crash(es) in the last 24h:",
        };
        lines.AddRange(crashes.OrderByDescending(c => c.Value).Select(c => $"  {c.Key}: {c.Value}"));
        lines.AddRange(programs.Where(p => p.State == ProgramState.Fatal).Select(p => $"FATAL: {p.Name} ({p.Reason})"));
        lines.AddRange(programs.Where(p => p.StoppedByOperator).Select(p => $"stopped by operator: {p.Name}"));
        lines.Add(
            $"logs use {ByteSizes.Format(LogDiskUsage())}; supervisor up {Durations.Format(now - daemonStarted)}"
        );
        return new Report($"Daily summary {now:yyyy-MM-dd} UTC", lines);
    }

    private long LogDiskUsage() =>
        Directory.Exists(logDir) ? new DirectoryInfo(logDir).EnumerateFiles().Sum(f => f.Length) : 0;
}
