using System.Text;
using CliWrap;

namespace MoneyBot.TestSupport.Processes;

/// <summary>
/// Runs an executable (a CLI verb, a bot's one-shot command) to its end with CliWrap, capturing stdout and stderr.
/// Standard input is empty. On timeout the child and its descendants are killed, never left running, and the
/// test fails with what the child had written.
/// </summary>
public static class ChildCommand
{
    /// <summary>How long a command may run unless told.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs <paramref name="path"/> with <paramref name="arguments"/>. <paramref name="environment"/> adds variables
    /// to the test's own; a null value removes one.
    /// </summary>
    public static async Task<CommandOutcome> RunAsync(
        string path,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null
    )
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        var limit = timeout ?? DefaultTimeout;
        var argumentList = arguments.ToList();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            var result = await Cli.Wrap(path)
                .WithArguments(argumentList)
                .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(PipeSource.Null)
                .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
                .ExecuteAsync(cts.Token);
            return new CommandOutcome(result.ExitCode, output.ToString(), error.ToString());
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{path} {string.Join(' ', argumentList)} did not finish within {limit} and was killed; "
                    + $"stdout:\n{output}\nstderr:\n{error}"
            );
        }
    }
}
