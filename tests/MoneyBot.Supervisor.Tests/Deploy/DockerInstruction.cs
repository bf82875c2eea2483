namespace MoneyBot.Supervisor.Tests.Deploy;

/// <summary>
/// One instruction of a Dockerfile: its keyword in upper case, its arguments with continuation lines joined, and the
/// line it starts on.
/// </summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The arguments split on white space.</summary>
    public IReadOnlyList<string> Words { get; } = Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The value of <c>--name=value</c> among the leading flags, or null.</summary>
    public string? Flag(string name) =>
        Words
            .TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))
            .Where(w => w.StartsWith($"--{name}=", StringComparison.Ordinal))
            .Select(w => w[(name.Length + 3)..])
            .LastOrDefault();

    /// <summary>The arguments after the leading flags (for COPY: the sources, then the destination).</summary>
    public IReadOnlyList<string> Operands => [.. Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal))];

    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}
