using System.Text.Json;
using MoneyBot.Supervisor.Control;

namespace MoneyBot.Supervisor.Cli;

/// <summary>Verbs that are one request to the running daemon.</summary>
internal static class ControlVerbs
{
    public static async Task<int> StatusAsync(CliContext cli, string? name, bool json, CancellationToken cancellationToken)
    {
        if (cli.LoadConfig() is not { } config)
        {
            return ExitCodes.Usage;
        }

        if (await cli.SendAsync(config, new ControlRequest("status", name), cancellationToken).ConfigureAwait(false) is not { } response)
        {
            return ExitCodes.Failed;
        }

        if (!response.Ok)
        {
            return cli.Finish(response);
        }

        var programs = response.Programs ?? [];
        await cli.Output.WriteAsync(json
            ? JsonSerializer.Serialize(programs, ControlJsonContext.Default.IReadOnlyListProgramStatusDto) + "\n"
            : StatusTable.Render(programs, DateTimeOffset.UtcNow, cli.UseColor)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    public static async Task<int> TargetAsync(CliContext cli, string verb, string target, CancellationToken cancellationToken)
    {
        if (cli.LoadConfig() is not { } config)
        {
            return ExitCodes.Usage;
        }

        var response = await cli.SendAsync(config, new ControlRequest(verb, target), cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return ExitCodes.Failed;
        }

        if (response.Programs is { } programs && !response.Usage)
        {
            var touched = programs.Where(p => target == "all" || p.Name == target || p.Group == target).ToList();
            await cli.Output.WriteAsync(StatusTable.Render(touched, DateTimeOffset.UtcNow, cli.UseColor)).ConfigureAwait(false);
        }

        return cli.Finish(response);
    }

    public static async Task<int> ReportAsync(CliContext cli, bool daily, CancellationToken cancellationToken)
    {
        if (cli.LoadConfig() is not { } config)
        {
            return ExitCodes.Usage;
        }

        var response = await cli.SendAsync(config, new ControlRequest("report", daily ? "daily" : "health"), cancellationToken).ConfigureAwait(false);
        return response is null ? ExitCodes.Failed : cli.Finish(response);
    }

    public static async Task<int> SimpleAsync(CliContext cli, string verb, CancellationToken cancellationToken)
    {
        if (cli.LoadConfig() is not { } config)
        {
            return ExitCodes.Usage;
        }

        var response = await cli.SendAsync(config, new ControlRequest(verb), cancellationToken).ConfigureAwait(false);
        return response is null ? ExitCodes.Failed : cli.Finish(response);
    }
}
