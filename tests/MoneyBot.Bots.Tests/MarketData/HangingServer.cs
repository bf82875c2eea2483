using System.Net;
using System.Net.Sockets;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>
/// A loopback TCP server that accepts connections and never answers: an HTTP request or a
/// websocket handshake sent to it hangs until the client gives up.
/// </summary>
public sealed class HangingServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> accepted = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public HangingServer()
    {
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        HttpUrl = new Uri($"http://127.0.0.1:{port}");
        WebSocketUrl = new Uri($"ws://127.0.0.1:{port}");
        loop = Task.Run(AcceptAsync);
    }

    public Uri HttpUrl { get; }

    public Uri WebSocketUrl { get; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        lock (accepted)
        {
            accepted.ForEach(c => c.Dispose());
        }

        listener.Dispose();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                lock (accepted)
                {
                    accepted.Add(client);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
