using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using MoneyBot.ExchangeSim.Faults;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// The open websocket connections, and delivery of each message to the connections subscribed to
/// its stream, in the form of each connection's market (raw on <c>/ws</c> and <c>/fapi/ws</c>, wrapped on
/// <c>/stream</c> and <c>/fapi/stream</c>). Thread-safe.
/// </summary>
internal sealed class StreamBroadcaster(FaultState faults, TimeProvider time, int queueCapacity, ILogger logger)
{
    private readonly ConcurrentDictionary<long, StreamConnection> _connections = new();
    private long _nextId;

    public StreamCounters Counters { get; } = new();

    public int Count => _connections.Count;

    /// <summary>Registers a connection (before the websocket upgrade completes).</summary>
    public StreamConnection Open(StreamMarket market, bool combined, IEnumerable<string> streams)
    {
        var connection = new StreamConnection(
            Interlocked.Increment(ref _nextId),
            market,
            combined,
            streams,
            time.GetTimestamp(),
            queueCapacity,
            faults,
            Counters
        );
        _connections[connection.Id] = connection;
        Counters.OnAccepted();
        return connection;
    }

    public void Remove(StreamConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections.TryRemove(connection.Id, out _);
    }

    /// <summary>
    /// The markets whose connections are subscribed to <paramref name="stream"/>: the forms a message on it must be
    /// written in (none: it need not be written).
    /// </summary>
    public StreamAudience AudienceOf(string stream)
    {
        var audience = StreamAudience.None;
        foreach (var connection in _connections.Values)
        {
            if (connection.IsSubscribed(stream))
            {
                audience |= connection.Market == StreamMarket.Spot ? StreamAudience.Spot : StreamAudience.UsdFutures;
                if (audience == (StreamAudience.Spot | StreamAudience.UsdFutures))
                {
                    break;
                }
            }
        }

        return audience;
    }

    /// <summary>
    /// Queues a message of <paramref name="stream"/> for every subscriber, <paramref name="spot"/> on spot
    /// connections and <paramref name="usdFutures"/> on futures ones (a null form is sent to nobody; each is wrapped
    /// at most once for combined connections). Nothing is sent during a stall; subscribers that cannot keep up are
    /// dropped.
    /// </summary>
    public void Publish(string stream, byte[]? spot, byte[]? usdFutures)
    {
        if (faults.IsStalled)
        {
            Counters.OnSuppressed();
            return;
        }

        byte[]? spotWrapped = null,
            futuresWrapped = null;
        foreach (var connection in _connections.Values)
        {
            var futures = connection.Market == StreamMarket.UsdFutures;
            if ((futures ? usdFutures : spot) is not { } raw || !connection.IsSubscribed(stream))
            {
                continue;
            }

            var payload =
                !connection.Combined ? raw
                : futures ? futuresWrapped ??= StreamPayloads.Wrap(stream, raw)
                : spotWrapped ??= StreamPayloads.Wrap(stream, raw);
            if (!connection.TryEnqueue(payload))
            {
                Counters.OnSlowDropped();
                logger.SlowConsumerDropped(connection.Id, queueCapacity);
                Drop(connection);
            }
        }
    }

    /// <summary>
    /// Queues one invalid-JSON frame per subscribed stream on every connection; returns the number of frames.
    /// </summary>
    public int SendMalformed()
    {
        var frames = 0;
        foreach (var connection in _connections.Values)
        {
            foreach (var stream in connection.Streams)
            {
                frames += connection.TryEnqueue(StreamPayloads.Malformed(stream, connection.Combined)) ? 1 : 0;
            }
        }

        return frames;
    }

    /// <summary>Drops every connection without a close handshake; returns how many.</summary>
    public int DropAll()
    {
        var dropped = 0;
        foreach (var connection in _connections.Values)
        {
            Drop(connection);
            dropped++;
        }

        return dropped;
    }

    /// <summary>Sends a close frame on every connection.</summary>
    public void CloseAll(WebSocketCloseStatus status, string reason)
    {
        foreach (var connection in _connections.Values)
        {
            connection.RequestClose(status, reason);
        }
    }

    /// <summary>
    /// Closes (with a close frame) the connections older than <paramref name="maxAge"/> of real time.
    /// </summary>
    public void CloseOlderThan(TimeSpan maxAge)
    {
        foreach (var connection in _connections.Values)
        {
            if (time.GetElapsedTime(connection.ConnectedAt) >= maxAge && _connections.TryRemove(connection.Id, out _))
            {
                logger.MaxAgeReached(connection.Id, maxAge);
                connection.RequestClose(WebSocketCloseStatus.NormalClosure, "maximum connection age reached");
            }
        }
    }

    private void Drop(StreamConnection connection)
    {
        _connections.TryRemove(connection.Id, out _);
        connection.Abort();
    }
}
