using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Metrics;

/// <summary>What <c>/metrics</c> shows of one program: its status snapshot and counters, read at one scrape.</summary>
/// <param name="Status">The snapshot <c>status</c> shows (state, restarts, last exit, uptime).</param>
/// <param name="StdoutLogBytes">Bytes written to its stdout (or merged) log files since the daemon started.</param>
/// <param name="StderrLogBytes">Bytes written to its stderr log files since the daemon started.</param>
/// <param name="WatchdogTimeouts">Kills for a missed watchdog since the daemon started.</param>
public readonly record struct ProgramMetrics(
    ProgramStatus Status,
    long StdoutLogBytes,
    long StderrLogBytes,
    long WatchdogTimeouts
)
{
    /// <summary>Reads one supervised program, the same way <c>status</c> does.</summary>
    public static ProgramMetrics Of(ProgramSupervisor program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new ProgramMetrics(
            program.Status(),
            program.StdoutLogBytes,
            program.StderrLogBytes,
            program.WatchdogTimeouts
        );
    }
}
