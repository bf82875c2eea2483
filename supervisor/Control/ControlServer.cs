using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MoneyBot.Supervisor.Control;

/// <summary>
/// Listens on a Unix domain socket (mode 0600: only the owner may drive the daemon); each connection
/// carries one JSON request line and gets one JSON response line.
/// </summary>
public sealed partial class ControlServer : IAsyncDisposable
{
    private readonly string _socketPath;
    private readonly Func<ControlRequest, CancellationToken, Task<ControlResponse>> _handle;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Socket _listener;
    private readonly Task _acceptLoop;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, bool> _inFlight = new();
    private int _disposed;

    private ControlServer(
        string socketPath,
        Func<ControlRequest, CancellationToken, Task<ControlResponse>> handle,
        ILogger logger
    )
    {
        _socketPath = socketPath;
        _handle = handle;
        _logger = logger;
        // a stale socket of a dead daemon; the caller holds the lock, so no live daemon uses it
        File.Delete(socketPath);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _listener.Listen(64);
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Binds the socket and starts answering.</summary>
    public static ControlServer Start(
        string socketPath,
        Func<ControlRequest, CancellationToken, Task<ControlResponse>> handle,
        ILogger logger
    ) => new(socketPath, handle, logger);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener.Dispose();
        try
        {
            // Let requests in flight (the 'down' that stopped us, say) write their answers.
            await Task.WhenAll(_inFlight.Keys).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Requests still waiting (a 'logs -f'-like long call) are cut off below.
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        File.Delete(_socketPath);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return; // shutting down
            }

            var serving = ServeAsync(connection);
            _inFlight[serving] = true;
            _ = serving.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using var _ = connection;
        await using var stream = new NetworkStream(connection, ownsSocket: false);
        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            var line = await reader.ReadLineAsync(_stopping.Token).ConfigureAwait(false);
            if (line is null)
            {
                return;
            }

            ControlResponse response;
            try
            {
                var request = ControlCodec.DecodeRequest(line);
                response = await _handle(request, _stopping.Token).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                response = new ControlResponse(false, $"malformed request: {e.Message}", Usage: true);
            }

            await stream.WriteAsync(ControlCodec.EncodeResponse(response), _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or the daemon is stopping: nothing to answer.
            Log.ConnectionDropped(_logger, e.Message);
        }
        catch (Exception e)
        {
            // A failing request must not take the control socket down with it.
            Log.RequestFailed(_logger, e);
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
