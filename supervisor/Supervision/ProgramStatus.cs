using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>A snapshot of one program for <c>status</c>.</summary>
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
    ulong? PidStartTime = null
);
