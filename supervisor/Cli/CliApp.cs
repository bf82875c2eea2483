using System.CommandLine;
using MoneyBot.Supervisor.Commands;

namespace MoneyBot.Supervisor.Cli;

/// <summary>The <c>moneybot</c> command line: parses, dispatches to a verb, maps failures to exit codes.</summary>
public static class CliApp
{
    public const string DefaultConfig = "config/moneybot.yaml";

    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default
    )
    {
        var parsed = Root(output, error).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run './moneybot --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Explain(e) is { } message)
        {
            // No stack trace reaches an operator: one line that says what is wrong and where.
            await error.WriteLineAsync(message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// The <see cref="SupervisorCommand"/> these words ask of the daemon (null for verbs that are not a command, or
    /// words that do not parse), read exactly as running them would.
    /// </summary>
    internal static SupervisorCommand? CommandFor(params string[] args)
    {
        var parsed = Root(TextWriter.Null, TextWriter.Null).Parse(args);
        return parsed.Errors.Count == 0 && parsed.CommandResult.Command is CommandVerb verb ? verb.Read(parsed) : null;
    }

    private static RootCommand Root(TextWriter output, TextWriter error)
    {
        var configOption = new Option<string?>("--config", "-c")
        {
            Description = $"Configuration file (default: $MONEYBOT_CONFIG, else {DefaultConfig})",
            Recursive = true,
        };
        var root = new RootCommand("MoneyBot supervisor: keeps the trading bots running.") { configOption };
        CliContext Context(ParseResult parse) => new(output, error, ResolveConfigPath(parse.GetValue(configOption)));

        foreach (var command in Verbs.Create(Context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static string? Explain(Exception e) =>
        e switch
        {
            UnauthorizedAccessException access => PermissionProblem.PathOf(access) is { } path
                ? PermissionProblem.Describe(path)
                : "permission denied: " + access.Message,
            OperationCanceledException => null,
            _ => $"error: {e.Message} ({e.GetType().Name})",
        };

    /// <summary>
    /// -c wins, then MONEYBOT_CONFIG, then config/moneybot.yaml under $MONEYBOT_ROOT (set by ./moneybot) or the current
    /// directory.
    /// </summary>
    public static string ResolveConfigPath(string? option)
    {
        var path = option ?? Environment.GetEnvironmentVariable("MONEYBOT_CONFIG");
        if (path is { Length: > 0 })
        {
            return Path.GetFullPath(path);
        }

        var root = Environment.GetEnvironmentVariable("MONEYBOT_ROOT") is { Length: > 0 } r
            ? r
            : Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(root, DefaultConfig));
    }
}
