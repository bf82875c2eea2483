using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;

namespace MoneyBot.Dashboard.Sources;

/// <summary>What the daemon said about its programs, or why it said nothing.</summary>
/// <param name="Error">Null when the daemon answered; otherwise why there is no list ("not running", ...).</param>
internal sealed record ProgramsSnapshot(IReadOnlyList<ProgramStatusDto> Programs, string? Error);

/// <summary>The program actions the pages offer: the CLI's typed commands of the same names.</summary>
internal enum ProgramAction
{
    Start,
    Stop,
    Restart,
}

/// <summary>
/// The supervisor daemon, through its control socket and the same typed commands as the CLI
/// (<see cref="SupervisorCommand"/>): statuses, log tails, and start / stop / restart.
/// </summary>
internal sealed class SupervisorSource(string socketPath)
{
    private readonly ControlClient _client = new(socketPath);

    /// <summary>The control socket.</summary>
    public string SocketPath => socketPath;

    /// <summary>Every program's status.</summary>
    public async Task<ProgramsSnapshot> StatusAsync(CancellationToken cancellationToken)
    {
        var (response, error) = await SendAsync(new SupervisorCommand.Status(), cancellationToken);
        return response is { Ok: true }
            ? new ProgramsSnapshot(response.Programs ?? [], null)
            : new ProgramsSnapshot([], error ?? response?.Message ?? "the daemon answered without statuses");
    }

    /// <summary>The last <paramref name="lines"/> lines of a program's stdout or stderr log; empty when none.</summary>
    public async Task<IReadOnlyList<string>> LogsAsync(
        string program,
        bool stderr,
        int lines,
        CancellationToken cancellationToken
    )
    {
        var (response, _) = await SendAsync(new SupervisorCommand.Logs(program, lines, stderr), cancellationToken);
        return response is { Ok: true, Lines: { } found } ? found : [];
    }

    /// <summary>Starts, stops or restarts <paramref name="program"/>; the answer the CLI would print.</summary>
    public async Task<(bool Ok, string Message)> ActAsync(
        ProgramAction action,
        string program,
        CancellationToken cancellationToken
    )
    {
        SupervisorCommand command = action switch
        {
            ProgramAction.Start => new SupervisorCommand.Start(program),
            ProgramAction.Stop => new SupervisorCommand.Stop(program),
            _ => new SupervisorCommand.Restart(program),
        };
        var (response, error) = await SendAsync(command, cancellationToken);
        if (response is null)
        {
            return (false, error!);
        }

        var problems = response.Problems is { Count: > 0 } p ? ": " + string.Join("; ", p) : "";
        return (response.Ok, (response.Message ?? (response.Ok ? "done" : "failed")) + problems);
    }

    private async Task<(ControlResponse? Response, string? Error)> SendAsync(
        SupervisorCommand command,
        CancellationToken cancellationToken
    )
    {
        try
        {
            return await _client.SendAsync(command, cancellationToken) is { } response
                ? (response, null)
                : (null, $"the supervisor daemon is not running (no answer on {socketPath})");
        }
        catch (UnauthorizedAccessException e)
        {
            return (null, $"the supervisor's control socket is not ours to use: {e.Message}");
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or FormatException)
        {
            return (null, $"the supervisor daemon answered wrongly: {e.Message}");
        }
    }
}
