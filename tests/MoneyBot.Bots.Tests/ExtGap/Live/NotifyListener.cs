using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MoneyBot.Bots.Tests.MarketData;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>One datagram received on the notify socket, stamped on arrival (<see cref="Stopwatch"/> ticks).</summary>
public sealed record NotifyDatagram(long ReceivedAt, string Text)
{
    /// <summary>True when one of its lines is exactly <paramref name="line"/> (e.g. "WATCHDOG=1").</summary>
    public bool Has(string line) => Text.Split('\n').Contains(line);

    /// <summary>The STATUS= value, if it carries one.</summary>
    public string? Status =>
        Text.Split('\n').FirstOrDefault(l => l.StartsWith("STATUS=", StringComparison.Ordinal))?["STATUS=".Length..];
}

/// <summary>
/// A supervisor's end of the notify protocol: a Unix datagram socket bound in a temp file, recording what arrives.
/// </summary>
public sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Task _pump;

    public NotifyListener()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"extgap-notify-{Guid.NewGuid():N}.sock");
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
        _pump = Task.Run(ReceiveAsync);
    }

    /// <summary>The socket's path: the NOTIFY_SOCKET value.</summary>
    public string Path { get; }

    /// <summary>Everything received, in order.</summary>
    public Collector<NotifyDatagram> Datagrams { get; } = Collector.Manual<NotifyDatagram>();

    /// <summary>
    /// Puts <c>MARK=<paramref name="name"/></c> in the socket's queue and waits until it is read: what the bot sent
    /// before this call comes before the mark, whatever the reading lag.
    /// </summary>
    public async Task<int> MarkAsync(string name)
    {
        using (var client = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            await client.SendToAsync(
                Encoding.UTF8.GetBytes("MARK=" + name),
                SocketFlags.None,
                new UnixDomainSocketEndPoint(Path)
            );
        }

        var all = await Datagrams.WaitUntilAsync(list => list.Any(d => d.Has("MARK=" + name)));
        return all.ToList().FindIndex(d => d.Has("MARK=" + name));
    }

    /// <summary>Datagrams that carry <paramref name="line"/>.</summary>
    public IReadOnlyList<NotifyDatagram> With(string line) => [.. Datagrams.Items.Where(d => d.Has(line))];

    public void Dispose()
    {
        _socket.Dispose();
        _pump.Wait(TimeSpan.FromSeconds(5));
        File.Delete(Path);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None);
                Datagrams.Add(new NotifyDatagram(Stopwatch.GetTimestamp(), Encoding.UTF8.GetString(buffer, 0, n)));
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // Disposed: the test is over.
        }
    }
}
