using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>A snapshot of one program for <c>status</c>.</summary>
/// <remarks><c>WatchdogSilence</c>: for a RUNNING program with a <c>watchdog</c>, how long since its last
/// <c>WATCHDOG=1</c> (or since it became RUNNING).</remarks>
public sealed record ProgramStatus(
    string Name,
    string? Group,
    ProgramState State,
    int? Pid,
    TimeSpan? Uptime,
    int Restarts,
    ExitStatus? LastExit,
    DateTimeOffset? LastExitAt,
    DateTimeOffset? NextRetryAt,
    string? StatusText,
    string Reason,
    bool StoppedByOperator,
    bool Autostart,
    ulong? PidStartTime = null,
    TimeSpan? WatchdogSilence = null
);
