using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using MoneyBot.ExchangeSim.Faults;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// The open websocket connections, and delivery of each message to the connections subscribed to
/// its stream (raw on <c>/ws</c>, wrapped on <c>/stream</c>). Thread-safe.
/// </summary>
internal sealed class StreamBroadcaster(FaultState faults, TimeProvider time, int queueCapacity, ILogger logger)
{
    private readonly ConcurrentDictionary<long, StreamConnection> _connections = new();
    private long _nextId;

    public StreamCounters Counters { get; } = new();

    public int Count => _connections.Count;

    /// <summary>Registers a connection (before the websocket upgrade completes).</summary>
    public StreamConnection Open(bool combined, IEnumerable<string> streams)
    {
        var connection = new StreamConnection(
            Interlocked.Increment(ref _nextId),
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

    public bool HasSubscribers(string stream)
    {
        foreach (var connection in _connections.Values)
        {
            if (connection.IsSubscribed(stream))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Queues <paramref name="raw"/> for every subscriber of <paramref name="stream"/> (nothing during a stall); drops
    /// subscribers that cannot keep up.
    /// </summary>
    public void Publish(string stream, byte[] raw)
    {
        if (faults.IsStalled)
        {
            Counters.OnSuppressed();
            return;
        }

        byte[]? wrapped = null;
        foreach (var connection in _connections.Values)
        {
            if (!connection.IsSubscribed(stream))
            {
                continue;
            }

            var payload = connection.Combined ? wrapped ??= StreamPayloads.Wrap(stream, raw) : raw;
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
