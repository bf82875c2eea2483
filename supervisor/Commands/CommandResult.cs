using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Commands;

/// <summary>The outcome of a <see cref="SupervisorCommand"/>, before any edge turns it into words or JSON.</summary>
/// <param name="Ok">False when the operation failed; <see cref="Message"/> says why.</param>
/// <param name="Message">A line for people.</param>
/// <param name="Programs">Program statuses, where the command reports them.</param>
/// <param name="Problems">One line per problem (health, failed starts, config errors).</param>
/// <param name="Usage">True when the command itself was wrong (an unknown program, a missing target).</param>
/// <param name="Lines">The log lines a <see cref="SupervisorCommand.Logs"/> returns.</param>
public sealed record CommandResult(
    bool Ok,
    string? Message = null,
    IReadOnlyList<ProgramStatus>? Programs = null,
    IReadOnlyList<string>? Problems = null,
    bool Usage = false,
    IReadOnlyList<string>? Lines = null
)
{
    /// <summary>A command that was wrong in itself; <paramref name="message"/> says how.</summary>
    public static CommandResult Wrong(string message) => new(false, message, Usage: true);
}
