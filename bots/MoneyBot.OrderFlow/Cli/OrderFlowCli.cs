namespace MoneyBot.OrderFlow.Cli;

/// <summary>The <c>orderflow</c> command line (placeholder until the verbs land).</summary>
public static class OrderFlowCli
{
    /// <summary>Runs the command line; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
