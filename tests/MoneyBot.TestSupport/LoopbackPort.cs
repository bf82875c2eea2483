using System.Net;
using System.Net.Sockets;

namespace MoneyBot.TestSupport;

/// <summary>Ports for servers a test starts as separate processes, which must be told their port in advance.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// A port free on 127.0.0.1 now (bound then released: another process could take it before the server binds
    /// it, which a test on this machine's ephemeral range can live with).
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
