using System.Net.WebSockets;
using System.Threading.Channels;
using MoneyBot.ExchangeSim.Faults;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// One websocket client: its subscriptions, a bounded send queue filled by the pump and drained by
/// a send loop, and a receive loop for client requests and the close handshake. Registered before
/// the upgrade, so nothing published after the client's connect returns is missed.
/// </summary>
internal sealed class StreamConnection : IDisposable
{
    private const int MaxRequestBytes = 64 * 1024;
    private readonly Lock sync = new();
    private readonly HashSet<string> streams;
    private readonly Channel<Outgoing> outbox;
    private readonly CancellationTokenSource stop = new();
    private readonly FaultState faults;
    private readonly StreamCounters counters;
    private WebSocket? socket;

    public StreamConnection(long id, bool combined, IEnumerable<string> streams, long connectedAt, int capacity, FaultState faults, StreamCounters counters)
    {
        Id = id;
        Combined = combined;
        ConnectedAt = connectedAt;
        this.streams = new HashSet<string>(streams, StringComparer.Ordinal);
        this.faults = faults;
        this.counters = counters;
        outbox = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails instead of waiting: the pump never blocks
        });
    }

    public long Id { get; }

    /// <summary>True for <c>/stream</c> (messages wrapped in <c>{"stream":..,"data":..}</c>).</summary>
    public bool Combined { get; }

    /// <summary>Real-clock timestamp of the upgrade request.</summary>
    public long ConnectedAt { get; }

    public IReadOnlyList<string> Streams
    {
        get
        {
            lock (sync)
            {
                return [.. streams];
            }
        }
    }

    public bool IsSubscribed(string stream)
    {
        lock (sync)
        {
            return streams.Contains(stream);
        }
    }

    public void Subscribe(IEnumerable<string> names)
    {
        lock (sync)
        {
            streams.UnionWith(names);
        }
    }

    public void Unsubscribe(IEnumerable<string> names)
    {
        lock (sync)
        {
            streams.ExceptWith(names);
        }
    }

    /// <summary>Queues a message; false when the queue is full (the client is too slow).</summary>
    public bool TryEnqueue(byte[] payload) => outbox.Writer.TryWrite(new Outgoing(payload));

    /// <summary>Sends a close frame after what is queued.</summary>
    public void RequestClose(WebSocketCloseStatus status, string reason) =>
        outbox.Writer.TryWrite(new Outgoing(null, status, reason));

    /// <summary>Drops the connection without a close handshake, like a network failure.</summary>
    public void Abort()
    {
        stop.Cancel();
        socket?.Abort();
    }

    /// <summary>Runs the send and receive loops until the socket closes, fails or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(WebSocket webSocket, Func<StreamConnection, byte[], byte[]?> handleRequest, CancellationToken cancellationToken)
    {
        socket = webSocket;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        var send = SendLoopAsync(webSocket, linked.Token);
        var receive = ReceiveLoopAsync(webSocket, handleRequest, linked.Token);
        if (await Task.WhenAny(send, receive) == receive)
        {
            await linked.CancelAsync();
        }

        await Task.WhenAll(send, receive);
    }

    public void Dispose() => stop.Dispose();

    private async Task SendLoopAsync(WebSocket webSocket, CancellationToken token)
    {
        try
        {
            await foreach (var item in outbox.Reader.ReadAllAsync(token))
            {
                if (item.CloseStatus is { } status)
                {
                    await webSocket.CloseOutputAsync(status, item.CloseReason, token);
                    return;
                }

                if (faults.IsStalled)
                {
                    counters.OnSuppressed();
                    continue;
                }

                await webSocket.SendAsync(item.Payload ?? [], WebSocketMessageType.Text, endOfMessage: true, token);
                counters.OnSent();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away, the connection was dropped or the server is stopping: nothing to send to.
        }
    }

    private async Task ReceiveLoopAsync(WebSocket webSocket, Func<StreamConnection, byte[], byte[]?> handleRequest, CancellationToken token)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await webSocket.ReceiveAsync(buffer, token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (webSocket.State == WebSocketState.CloseReceived)
                    {
                        await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, token);
                    }

                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxRequestBytes)
                {
                    await webSocket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "request too large", token);
                    return;
                }

                if (result.EndOfMessage)
                {
                    if (handleRequest(this, message.ToArray()) is { } response && !TryEnqueue(response))
                    {
                        return;
                    }

                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away, the connection was dropped or the server is stopping.
        }
    }
}
