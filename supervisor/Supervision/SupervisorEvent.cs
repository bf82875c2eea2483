using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>Something that happened in the daemon: a closed family of small records, handled with pattern matching.</summary>
public abstract record SupervisorEvent(DateTimeOffset At);

/// <summary>A program moved from one state to another.</summary>
public sealed record ProgramStateChanged(
    DateTimeOffset At,
    string Program,
    ProgramState From,
    ProgramState To,
    string Reason,
    int? Pid,
    ExitStatus? Exit,
    int Restarts,
    TimeSpan? NextRetryIn) : SupervisorEvent(At);

/// <summary>A reload was applied.</summary>
public sealed record ConfigReloaded(
    DateTimeOffset At,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed) : SupervisorEvent(At);

/// <summary>The daemon is up and supervising.</summary>
public sealed record DaemonStarted(DateTimeOffset At, string ConfigPath, IReadOnlyList<string> Programs) : SupervisorEvent(At);

/// <summary>The daemon is shutting down.</summary>
public sealed record DaemonStopping(DateTimeOffset At, string Reason) : SupervisorEvent(At);
