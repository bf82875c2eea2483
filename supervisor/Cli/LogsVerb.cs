using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Logging;

namespace MoneyBot.Supervisor.Cli;

/// <summary>
/// <c>logs &lt;name&gt; [-n N] [-f] [--err]</c>: reads the log files directly, so it works with the daemon down too.
/// </summary>
internal static class LogsVerb
{
    public static async Task<int> RunAsync(
        CliContext cli,
        SupervisorCommand.Logs command,
        bool follow,
        CancellationToken cancellationToken
    )
    {
        var (name, lines, stderr) = command;
        if (cli.LoadConfig() is not { } config)
        {
            return ExitCodes.Usage;
        }

        if (config.Find(name) is not { } program)
        {
            await cli.Error.WriteLineAsync($"no program named '{name}' in {config.SourcePath}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (lines < 0)
        {
            await cli.Error.WriteLineAsync("-n must be 0 or more").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var path = ProgramLogs.PathFor(config.Daemon.LogDir, program, stderr);
        if (stderr && program.Logs.Stderr == StderrMode.Merge)
        {
            await cli.Error.WriteLineAsync($"{name} merges stderr into {path}").ConfigureAwait(false);
        }

        foreach (var line in LogTail.ReadLast(path, lines, program.Logs.Backups))
        {
            await cli.Output.WriteLineAsync(line).ConfigureAwait(false);
        }

        if (!follow)
        {
            return ExitCodes.Success;
        }

        await cli.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (
                var line in LogTail.FollowAsync(path, TimeProvider.System, cancellationToken).ConfigureAwait(false)
            )
            {
                await cli.Output.WriteLineAsync(line).ConfigureAwait(false);
                await cli.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: following ends normally.
        }

        return ExitCodes.Success;
    }
}
