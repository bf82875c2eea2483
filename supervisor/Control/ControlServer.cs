using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Commands;

namespace MoneyBot.Supervisor.Control;

/// <summary>
/// Listens on a Unix domain socket (mode 0600: only the owner may drive the daemon); each connection carries one
/// JSON request line, decoded into a <see cref="SupervisorCommand"/>, and gets one JSON response line. The socket
/// is bound when the service starts (so a client may connect as soon as start returns) and removed when it stops.
/// </summary>
public sealed partial class ControlServer(
    string socketPath,
    Func<SupervisorCommand, CancellationToken, Task<CommandResult>> handle,
    ILogger logger
) : BackgroundService
{
    /// <summary>How long requests in flight (the <c>down</c> that stopped us, say) get to answer.</summary>
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private Socket? _listener;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // a stale socket of a dead daemon; the caller holds the lock, so no live daemon uses it
        File.Delete(socketPath);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            _listener.Listen(64);
        }
        catch
        {
            _listener.Dispose(); // nothing half-bound stays behind
            File.Delete(socketPath);
            throw;
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose(); // no new connections
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(AnswerGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Requests still waiting are cut off below.
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        File.Delete(socketPath);
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener ?? throw new InvalidOperationException("StartAsync binds the socket first");
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break; // stopping
            }

            var serving = ServeAsync(connection, stoppingToken);
            _inFlight[serving] = true;
            _ = serving.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }

        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(false); // each ends once stoppingToken is cancelled
    }

    private async Task ServeAsync(Socket connection, CancellationToken stoppingToken)
    {
        using var _ = connection;
        await using var stream = new NetworkStream(connection, ownsSocket: false);
        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            var line = await reader.ReadLineAsync(stoppingToken).ConfigureAwait(false);
            if (line is null)
            {
                return;
            }

            CommandResult result;
            try
            {
                result = await handle(ControlCodec.DecodeCommand(line), stoppingToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                result = CommandResult.Wrong($"malformed request: {e.Message}");
            }

            await stream.WriteAsync(ControlCodec.EncodeResult(result), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or the daemon is stopping: nothing to answer.
            Log.ConnectionDropped(logger, e.Message);
        }
        catch (Exception e)
        {
            // A failing request must not take the control socket down with it.
            Log.RequestFailed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "control connection dropped: {Reason}")]
        public static partial void ConnectionDropped(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "control request failed")]
        public static partial void RequestFailed(ILogger logger, Exception exception);
    }
}
