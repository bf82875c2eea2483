using System.CommandLine;
using MoneyBot.Common.Bots;

namespace MoneyBot.OrderFlow.Cli;

/// <summary>The <c>orderflow</c> command line: parses, dispatches to a verb, maps failures to exit codes.</summary>
public static class OrderFlowCli
{
    /// <summary>Runs the command line; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var termination = new Termination(cancellationToken);
        var root = new RootCommand("Order-flow bot: whale trades, delta, CVD, pressure, book imbalance and absorption zones, served to other processes over HTTP.");
        foreach (var verb in Verbs(output, error, termination))
        {
            root.Subcommands.Add(verb);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'orderflow --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Signals are ours (Termination): System.CommandLine's own handling would force exit code 143 after 2 s.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, termination.Token).ConfigureAwait(false);
    }

    private static IEnumerable<Command> Verbs(TextWriter output, TextWriter error, Termination termination)
    {
        yield return RunVerb.Create(error, termination, Environment.GetEnvironmentVariable);
        yield return ReplayVerb.Create(output, error);
        yield return QueryVerb.Create(output, error);
    }
}
