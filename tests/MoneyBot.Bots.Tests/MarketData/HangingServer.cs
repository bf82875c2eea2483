using System.Net;
using System.Net.Sockets;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>
/// A loopback TCP server that accepts connections and never answers: an HTTP request or a
/// websocket handshake sent to it hangs until the client gives up.
/// </summary>
public sealed class HangingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HangingServer()
    {
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        HttpUrl = new Uri($"http://127.0.0.1:{port}");
        WebSocketUrl = new Uri($"ws://127.0.0.1:{port}");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri HttpUrl { get; }

    public Uri WebSocketUrl { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        lock (_accepted)
        {
            _accepted.ForEach(c => c.Dispose());
        }

        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(client);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
