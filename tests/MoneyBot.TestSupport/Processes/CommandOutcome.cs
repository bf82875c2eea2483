namespace MoneyBot.TestSupport.Processes;

/// <summary>How a child process ended: its exit code and everything it wrote.</summary>
public sealed record CommandOutcome(int ExitCode, string Output, string Error)
{
    /// <inheritdoc/>
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
