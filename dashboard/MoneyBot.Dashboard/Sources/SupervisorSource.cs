using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;

namespace MoneyBot.Dashboard.Sources;

/// <summary>What the daemon said about its programs, or why it said nothing.</summary>
/// <param name="Error">Null when the daemon answered; otherwise why there is no list ("not running", ...).</param>
internal sealed record ProgramsSnapshot(IReadOnlyList<ProgramStatusDto> Programs, string? Error);

/// <summary>
/// How an action went: done, refused by the daemon (<see cref="Usage"/>: no such program), or no daemon at all.
/// </summary>
internal sealed record ActionOutcome(bool Ok, string Message, bool Usage, bool NoDaemon);

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
    /// <summary>How long a status or a log tail may take: the daemon answers those at once.</summary>
    public static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(5);

    private readonly ControlClient _client = new(socketPath);

    /// <summary>The control socket.</summary>
    public string SocketPath => socketPath;

    /// <summary>Every program's status.</summary>
    public async Task<ProgramsSnapshot> StatusAsync(CancellationToken cancellationToken)
    {
        var (response, error) = await SendAsync(new SupervisorCommand.Status(), ReadDeadline, cancellationToken);
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
        var (response, _) = await SendAsync(
            new SupervisorCommand.Logs(program, lines, stderr),
            ReadDeadline,
            cancellationToken
        );
        return response is { Ok: true, Lines: { } found } ? found : [];
    }

    /// <summary>Starts, stops or restarts <paramref name="program"/>; the answer the CLI would print.</summary>
    /// <remarks>No deadline of ours: a start or restart returns once the program runs (or failed), like the CLI.
    /// </remarks>
    public async Task<ActionOutcome> ActAsync(ProgramAction action, string program, CancellationToken cancellationToken)
    {
        SupervisorCommand command = action switch
        {
            ProgramAction.Start => new SupervisorCommand.Start(program),
            ProgramAction.Stop => new SupervisorCommand.Stop(program),
            _ => new SupervisorCommand.Restart(program),
        };
        var (response, error) = await SendAsync(command, null, cancellationToken);
        if (response is null)
        {
            return new ActionOutcome(false, error!, false, true);
        }

        var problems = response.Problems is { Count: > 0 } p ? ": " + string.Join("; ", p) : "";
        return new ActionOutcome(
            response.Ok,
            (response.Message ?? (response.Ok ? "done" : "failed")) + problems,
            response.Usage,
            false
        );
    }

    private async Task<(ControlResponse? Response, string? Error)> SendAsync(
        SupervisorCommand command,
        TimeSpan? deadline,
        CancellationToken cancellationToken
    )
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (deadline is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        try
        {
            return await _client.SendAsync(command, timeout.Token) is { } response
                ? (response, null)
                : (null, $"the supervisor daemon is not running (no answer on {socketPath})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A daemon that accepts but never answers (hung, stopped with SIGSTOP) must not freeze the pages as "live".
            return (
                null,
                $"the supervisor daemon did not answer within {deadline!.Value.TotalSeconds:0} s on {socketPath}"
            );
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
