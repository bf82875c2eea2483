using System.Net.Sockets;
using System.Text;
using MoneyBot.Supervisor.Commands;

namespace MoneyBot.Supervisor.Control;

/// <summary>Talks to a daemon over its control socket: one request, one response per connection.</summary>
public sealed class ControlClient(string socketPath)
{
    /// <summary>Sends <paramref name="command"/>; null when no daemon answers on the socket.</summary>
    /// <exception cref="UnauthorizedAccessException">
    /// The socket or its directory is not ours to use (the message names the socket's path).
    /// </exception>
    public async Task<ControlResponse?> SendAsync(
        SupervisorCommand command,
        CancellationToken cancellationToken = default
    )
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket
                .ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            // A daemon of another user (or a run directory we may not enter): "not running" would be a lie.
            throw new UnauthorizedAccessException($"Access to the path '{socketPath}' is denied.", e);
        }
        catch (SocketException)
        {
            // No socket file, or nobody listening on it: no daemon.
            return null;
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(ControlCodec.EncodeCommand(command), cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return answer is null
            ? new ControlResponse(false, "the daemon closed the connection without answering (is it shutting down?)")
            : ControlCodec.DecodeResponse(answer);
    }

    /// <summary>True when a daemon answers a ping.</summary>
    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(new SupervisorCommand.Ping(), cancellationToken).ConfigureAwait(false) is { Ok: true };
}
