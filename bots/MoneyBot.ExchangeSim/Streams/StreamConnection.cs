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
    private readonly Lock _sync = new();
    private readonly HashSet<string> _streams;
    private readonly Channel<Outgoing> _outbox;
    private readonly CancellationTokenSource _stop = new();
    private readonly FaultState _faults;
    private readonly StreamCounters _counters;
    private WebSocket? _socket;

    public StreamConnection(
        long id,
        StreamMarket market,
        bool combined,
        IEnumerable<string> streams,
        long connectedAt,
        int capacity,
        FaultState faults,
        StreamCounters counters
    )
    {
        Id = id;
        Market = market;
        Combined = combined;
        ConnectedAt = connectedAt;
        _streams = new HashSet<string>(streams, StringComparer.Ordinal);
        _faults = faults;
        _counters = counters;
        _outbox = Channel.CreateBounded<Outgoing>(
            new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait, // TryWrite fails instead of waiting: the pump never blocks
            }
        );
    }

    public long Id { get; }

    /// <summary>The market whose message forms the connection receives (from its path).</summary>
    public StreamMarket Market { get; }

    /// <summary>True for <c>/stream</c> (messages wrapped in <c>{"stream":..,"data":..}</c>).</summary>
    public bool Combined { get; }

    /// <summary>Real-clock timestamp of the upgrade request.</summary>
    public long ConnectedAt { get; }

    public IReadOnlyList<string> Streams
    {
        get
        {
            lock (_sync)
            {
                return [.. _streams];
            }
        }
    }

    public bool IsSubscribed(string stream)
    {
        lock (_sync)
        {
            return _streams.Contains(stream);
        }
    }

    public void Subscribe(IEnumerable<string> names)
    {
        lock (_sync)
        {
            _streams.UnionWith(names);
        }
    }

    public void Unsubscribe(IEnumerable<string> names)
    {
        lock (_sync)
        {
            _streams.ExceptWith(names);
        }
    }

    /// <summary>Queues a message; false when the queue is full (the client is too slow).</summary>
    public bool TryEnqueue(byte[] payload) => _outbox.Writer.TryWrite(new Outgoing(payload));

    /// <summary>Sends a close frame after what is queued.</summary>
    public void RequestClose(WebSocketCloseStatus status, string reason) =>
        _outbox.Writer.TryWrite(new Outgoing(null, status, reason));

    /// <summary>Drops the connection without a close handshake, like a network failure.</summary>
    public void Abort()
    {
        _stop.Cancel();
        _socket?.Abort();
    }

    /// <summary>
    /// Runs the send and receive loops until the socket closes, fails or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task RunAsync(
        WebSocket webSocket,
        Func<StreamConnection, byte[], byte[]?> handleRequest,
        CancellationToken cancellationToken
    )
    {
        _socket = webSocket;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var send = SendLoopAsync(webSocket, linked.Token);
        var receive = ReceiveLoopAsync(webSocket, handleRequest, linked.Token);
        if (await Task.WhenAny(send, receive) == receive)
        {
            await linked.CancelAsync();
        }

        await Task.WhenAll(send, receive);
    }

    public void Dispose() => _stop.Dispose();

    private async Task SendLoopAsync(WebSocket webSocket, CancellationToken token)
    {
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(token))
            {
                if (item.CloseStatus is { } status)
                {
                    await webSocket.CloseOutputAsync(status, item.CloseReason, token);
                    return;
                }

                if (_faults.IsStalled)
                {
                    _counters.OnSuppressed();
                    continue;
                }

                await webSocket.SendAsync(item.Payload ?? [], WebSocketMessageType.Text, endOfMessage: true, token);
                _counters.OnSent();
            }
        }
        catch (Exception e)
            when (e
                    is OperationCanceledException
                        or WebSocketException
                        or ObjectDisposedException
                        or InvalidOperationException
            )
        {
            // The client went away, the connection was dropped or the server is stopping: nothing to send to.
        }
    }

    private async Task ReceiveLoopAsync(
        WebSocket webSocket,
        Func<StreamConnection, byte[], byte[]?> handleRequest,
        CancellationToken token
    )
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
        catch (Exception e)
            when (e
                    is OperationCanceledException
                        or WebSocketException
                        or ObjectDisposedException
                        or InvalidOperationException
            )
        {
            // The client went away, the connection was dropped or the server is stopping.
        }
    }
}
