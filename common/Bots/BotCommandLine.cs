using System.CommandLine;

namespace MoneyBot.Common.Bots;

/// <summary>
/// A bot's command line: SIGTERM/SIGINT as a cancellation (<see cref="Termination"/>), parse errors as
/// usage (exit code 2) with a pointer to <c>--help</c>, then the chosen verb. The same contract for every bot.
/// </summary>
public static class BotCommandLine
{
    /// <summary>Exit code of a command line that could not be parsed.</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// Parses <paramref name="args"/> against the verbs and runs the chosen one; returns its exit code.
    /// </summary>
    /// <param name="name">The executable's name, for the help pointer.</param>
    /// <param name="description">What the bot is.</param>
    /// <param name="verbs">The verbs, given the termination signal they stop on.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Cancels the verb like a signal does.</param>
    public static async Task<int> RunAsync(
        string name,
        string description,
        Func<Termination, IEnumerable<Command>> verbs,
        string[] args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(verbs);
        ArgumentNullException.ThrowIfNull(error);
        using var termination = new Termination(cancellationToken);
        var root = new RootCommand(description);
        foreach (var verb in verbs(termination))
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

            await error.WriteLineAsync($"Run '{name} --help' for usage.").ConfigureAwait(false);
            return UsageExitCode;
        }

        // Signals are ours (Termination): System.CommandLine's own handling would force exit code 143 after 2 s.
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(invocation, termination.Token).ConfigureAwait(false);
    }
}
