using MoneyBot.Common.Bots;
using System.CommandLine;

namespace MoneyBot.ExtGap.Cli;

/// <summary>The <c>extgap</c> command line: parses, dispatches to a verb, maps failures to exit codes.</summary>
public static class ExtGapCli
{
    /// <summary>Runs the command line; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var termination = new Termination(cancellationToken);
        var root = new RootCommand("External-Gap bot: detects external gaps on closed klines and trades the reversals (simulated).");
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

            await error.WriteLineAsync("Run 'extgap --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Signals are ours (Termination): System.CommandLine's own handling would force exit code 143 after 2 s.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, termination.Token).ConfigureAwait(false);
    }

    /// <summary>The verbs: <c>run</c> (live) and <c>replay</c>, sharing <see cref="BotOptions"/>.</summary>
    private static IEnumerable<Command> Verbs(TextWriter output, TextWriter error, Termination termination)
    {
        yield return RunVerb.Create(error, termination, Environment.GetEnvironmentVariable);
        yield return ReplayVerb.Create(output, error);
    }
}
