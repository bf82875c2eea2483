using System.CommandLine;
using MoneyBot.Common.Bots;

namespace MoneyBot.OrderFlow.Cli;

/// <summary>
/// The <c>orderflow</c> command line: the verbs on the bots' shared command line (<see cref="BotCommandLine"/>).
/// </summary>
public static class OrderFlowCli
{
    /// <summary>Runs the command line; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default
    ) =>
        BotCommandLine.RunAsync(
            "orderflow",
            "Order-flow bot: whale trades, delta, CVD, pressure, book imbalance and absorption zones, served to "
                + "other processes over HTTP.",
            termination => Verbs(output, error, termination),
            args,
            output,
            error,
            cancellationToken
        );

    private static IEnumerable<Command> Verbs(TextWriter output, TextWriter error, Termination termination)
    {
        yield return RunVerb.Create(error, termination, Environment.GetEnvironmentVariable);
        yield return ReplayVerb.Create(output, error);
        yield return QueryVerb.Create(output, error);
    }
}
