using System.Net;
using System.Net.Sockets;

namespace MoneyBot.Supervisor.Tests.Telegram;

/// <summary>
/// A loopback port that refuses connections: bound (so no server started meanwhile can take it)
/// but not listening. Dispose to release it.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_socket.LocalEndPoint!).Port}");
    }

    /// <summary>An API URL where every connection is refused.</summary>
    public Uri Url { get; }

    public void Dispose() => _socket.Dispose();
}
