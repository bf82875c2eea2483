using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>
/// Something that happened in the daemon: a closed family of small records, handled with pattern matching.
/// </summary>
public abstract record SupervisorEvent(DateTimeOffset At);

/// <summary>A program moved from one state to another.</summary>
/// <param name="At">When.</param>
/// <param name="Program">Which program.</param>
/// <param name="From">The state it left.</param>
/// <param name="To">The state it entered.</param>
/// <param name="Reason">Why, for people.</param>
/// <param name="Pid">The process, when one runs.</param>
/// <param name="Exit">How the last process ended, on moves caused by an exit.</param>
/// <param name="Restarts">Automatic restarts so far.</param>
/// <param name="NextRetryIn">In BACKOFF or FATAL with retry_after: when the next try comes.</param>
/// <param name="Uptime">How long the process that just ended had run (moves caused by an exit).</param>
/// <param name="ByOperator">The move follows an operator's start or stop.</param>
public sealed record ProgramStateChanged(
    DateTimeOffset At,
    string Program,
    ProgramState From,
    ProgramState To,
    string Reason,
    int? Pid,
    ExitStatus? Exit,
    int Restarts,
    TimeSpan? NextRetryIn,
    TimeSpan? Uptime = null,
    bool ByOperator = false
) : SupervisorEvent(At);

/// <summary>A reload was applied.</summary>
public sealed record ConfigReloaded(
    DateTimeOffset At,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed
) : SupervisorEvent(At);

/// <summary>The daemon is up and its autostart programs have been started (or failed to).</summary>
public sealed record DaemonStarted(DateTimeOffset At, string ConfigPath, IReadOnlyList<ProgramStatus> Programs)
    : SupervisorEvent(At);

/// <summary>The daemon is shutting down.</summary>
public sealed record DaemonStopping(DateTimeOffset At, string Reason) : SupervisorEvent(At);
