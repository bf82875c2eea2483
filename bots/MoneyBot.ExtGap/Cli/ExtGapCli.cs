using System.CommandLine;
using MoneyBot.Common.Bots;

namespace MoneyBot.ExtGap.Cli;

/// <summary>
/// The <c>extgap</c> command line: the verbs on the bots' shared command line (<see cref="BotCommandLine"/>).
/// </summary>
public static class ExtGapCli
{
    /// <summary>Runs the command line; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default
    ) =>
        BotCommandLine.RunAsync(
            "extgap",
            "External-Gap bot: detects external gaps on closed klines and trades the reversals (simulated).",
            termination => Verbs(output, error, termination),
            args,
            output,
            error,
            cancellationToken
        );

    /// <summary>The verbs: <c>run</c> (live) and <c>replay</c>, sharing <see cref="BotOptions"/>.</summary>
    private static IEnumerable<Command> Verbs(TextWriter output, TextWriter error, Termination termination)
    {
        yield return RunVerb.Create(error, termination, Environment.GetEnvironmentVariable);
        yield return ReplayVerb.Create(output, error);
    }
}
