namespace MoneyBot.Supervisor.Control;

/// <summary>
/// A command's outcome as a client reads it from the control socket (one JSON line; see
/// <see cref="Commands.CommandResult"/> for the daemon's side).
/// </summary>
/// <param name="Ok">False when the operation failed; <see cref="Message"/> says why.</param>
/// <param name="Message">A line for people.</param>
/// <param name="Programs">Program statuses, where the command reports them.</param>
/// <param name="Problems">One line per problem (health, failed starts, config errors).</param>
/// <param name="Usage">True when the request itself was wrong (unknown program or verb): the CLI exits 2.</param>
/// <param name="Lines">Log lines, for <c>logs</c>.</param>
public sealed record ControlResponse(
    bool Ok,
    string? Message = null,
    IReadOnlyList<ProgramStatusDto>? Programs = null,
    IReadOnlyList<string>? Problems = null,
    bool Usage = false,
    IReadOnlyList<string>? Lines = null
);
