using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Control;

/// <summary>A program's status as <c>status --json</c> prints it and the control socket carries it.</summary>
public sealed record ProgramStatusDto(
    string Name,
    string? Group,
    string State,
    int? Pid,
    long? UptimeS,
    int Restarts,
    string? LastExit,
    DateTimeOffset? LastExitAt,
    DateTimeOffset? NextRetryAt,
    string? StatusText,
    string Reason,
    bool StoppedByOperator,
    bool Autostart
)
{
    public static ProgramStatusDto From(ProgramStatus s) =>
        new(
            s.Name,
            s.Group,
            s.State.ToString().ToUpperInvariant(),
            s.Pid,
            s.Uptime is { } u ? (long)u.TotalSeconds : null,
            s.Restarts,
            s.LastExit?.ToString(),
            s.LastExitAt,
            s.NextRetryAt,
            s.StatusText,
            s.Reason,
            s.StoppedByOperator,
            s.Autostart
        );
}
