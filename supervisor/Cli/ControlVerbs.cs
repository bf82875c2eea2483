using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;

namespace MoneyBot.Supervisor.Cli;

/// <summary>Verbs that are one request to the running daemon.</summary>
internal static class ControlVerbs
{
    public static async Task<int> StatusAsync(
        CliContext cli,
        SupervisorCommand status,
        bool json,
        CancellationToken cancellationToken
    )
    {
        var (response, failure) = await cli.AskDaemonAsync(status, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return failure;
        }

        if (!response.Ok)
        {
            return cli.Finish(response);
        }

        var programs = response.Programs ?? [];
        await cli
            .Output.WriteAsync(
                json
                    ? System.Text.Encoding.UTF8.GetString(ControlCodec.EncodePrograms(programs))
                    : StatusTable.Render(programs, DateTimeOffset.UtcNow, cli.UseColor)
            )
            .ConfigureAwait(false);
        if (!json && response.Message is { } note)
        {
            await cli.Output.WriteLineAsync(note).ConfigureAwait(false); // e.g. the admin bot's token polled elsewhere
        }

        return ExitCodes.Success;
    }

    /// <summary>Start, stop or restart: prints the touched programs' rows, then the outcome.</summary>
    public static async Task<int> TargetAsync(
        CliContext cli,
        SupervisorCommand command,
        string target,
        CancellationToken cancellationToken
    )
    {
        var (response, failure) = await cli.AskDaemonAsync(command, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return failure;
        }

        if (response.Programs is { } programs && !response.Usage)
        {
            var touched = programs.Where(p => target == "all" || p.Name == target || p.Group == target).ToList();
            await cli
                .Output.WriteAsync(StatusTable.Render(touched, DateTimeOffset.UtcNow, cli.UseColor))
                .ConfigureAwait(false);
        }

        return cli.Finish(response);
    }

    /// <summary>A command whose answer is its message and problems (reload, health, report).</summary>
    public static async Task<int> SimpleAsync(
        CliContext cli,
        SupervisorCommand command,
        CancellationToken cancellationToken
    )
    {
        var (response, failure) = await cli.AskDaemonAsync(command, cancellationToken).ConfigureAwait(false);
        return response is null ? failure : cli.Finish(response);
    }
}
