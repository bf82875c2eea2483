using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Control;

/// <summary>
/// A program's status as the control socket carries it and <c>status --json</c> prints it: what a client needs,
/// with the state as its enum (the codec writes it upper case).
/// </summary>
public sealed record ProgramStatusDto(
    string Name,
    string? Group,
    ProgramState State,
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
            s.State,
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
