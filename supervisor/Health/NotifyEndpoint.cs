using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Health;

/// <summary>
/// One program's end of the systemd notify protocol: a Unix datagram socket (in the private run directory)
/// whose path the program gets as NOTIFY_SOCKET. One socket per program tells who is speaking without
/// needing sender credentials. Each datagram's <c>KEY=VALUE</c> lines go to <see cref="Received"/>.
/// </summary>
public sealed partial class NotifyEndpoint : IAsyncDisposable
{
    private const int MaxDatagram = 4096;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ILogger _logger;
    private int _disposed;

    private NotifyEndpoint(string path, Socket socket, Action<NotifyMessage> received, ILogger logger)
    {
        Path = path;
        _socket = socket;
        _logger = logger;
        _loop = ReceiveAsync(received);
    }

    /// <summary>The socket's path: the NOTIFY_SOCKET value for the program.</summary>
    public string Path { get; }

    /// <summary>
    /// Binds <c>&lt;directory&gt;/&lt;name&gt;.sock</c> and starts passing messages to <paramref name="received"/>.
    /// </summary>
    public static NotifyEndpoint Open(string directory, string name, Action<NotifyMessage> received, ILogger logger)
    {
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = System.IO.Path.Combine(directory, name + ".sock");
        if (Encoding.UTF8.GetByteCount(path) > SocketPathValidator.MaxBytes)
        {
            throw new InvalidOperationException(
                $"notify socket path '{path}' is longer than a Unix socket allows "
                    + $"({SocketPathValidator.MaxBytes} bytes); use a shorter run_dir"
            );
        }

        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return new NotifyEndpoint(path, socket, received, logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        File.Delete(Path);
        _stop.Dispose();
    }

    private async Task ReceiveAsync(Action<NotifyMessage> received)
    {
        var buffer = new byte[MaxDatagram];
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return; // closed
            }

            var message = NotifyMessage.Parse(Encoding.UTF8.GetString(buffer, 0, length));
            try
            {
                received(message);
            }
            catch (ObjectDisposedException)
            {
                return; // the program's supervisor is gone
            }
            catch (InvalidOperationException e)
            {
                // A handler that no longer accepts messages (closed inbox): log and stop listening.
                Log.HandlerFailed(_logger, Path, e.Message);
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "notify socket {Path}: {Reason}")]
        public static partial void HandlerFailed(ILogger logger, string path, string reason);
    }
}
