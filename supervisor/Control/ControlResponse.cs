namespace MoneyBot.Supervisor.Control;

/// <summary>The answer to a <see cref="ControlRequest"/> (one JSON line).</summary>
/// <param name="Ok">False when the operation failed; <see cref="Message"/> says why.</param>
/// <param name="Message">A line for people.</param>
/// <param name="Programs">Program statuses, where the verb reports them.</param>
/// <param name="Problems">One line per problem (health, failed starts, config errors).</param>
/// <param name="Usage">True when the request itself was wrong (unknown program or verb): the CLI exits 2.</param>
public sealed record ControlResponse(
    bool Ok,
    string? Message = null,
    IReadOnlyList<ProgramStatusDto>? Programs = null,
    IReadOnlyList<string>? Problems = null,
    bool Usage = false
);
