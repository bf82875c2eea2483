using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using MoneyBot.Common.Resilience;
using MoneyBot.MarketData.Rest;

namespace MoneyBot.MarketData.Streams;

/// <summary>The connection loop: one connection at a time, reconnected forever until disposed.</summary>
public partial class BinanceStream<TMessage>
{
    private const int ReceiveChunk = 16 * 1024;
    private bool _everOpened;
    private (DateTimeOffset Start, string Reason)? _pendingGap;

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = new BackoffTracker(_options.Reconnect, _random01);
        SetState(StreamState.Connecting, Uri.ToString());
        while (!stop.IsCancellationRequested)
        {
            ConnectionEnd end;
            try
            {
                end = await RunConnectionAsync(stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                break; // disposed: whatever the socket threw while being torn down does not matter
            }
            catch (Exception ex)
            {
                // A bug must not end a loop that has to run forever: log it, back off, reconnect.
                BinanceStreamLog.Unexpected(_logger, Name, ex);
                end = ConnectionEnd.NotOpened($"unexpected {ex.GetType().Name}: {ex.Message}");
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            var delay = end.Planned ? TimeSpan.Zero : backoff.NextDelay(end.Uptime);
            if (end.Planned)
            {
                BinanceStreamLog.PlannedReconnect(_logger, Name, end.Reason);
            }
            else
            {
                RecordFailure(end.Reason);
                BinanceStreamLog.Failed(_logger, Name, end.Reason, delay, backoff.Attempt);
            }

            SetState(end.Opened || _everOpened ? StreamState.Reconnecting : StreamState.Connecting, end.Reason);
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _time, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        _channel.Writer.TryComplete();
        SetState(StreamState.Stopped, "disposed");
    }

    private async Task<ConnectionEnd> RunConnectionAsync(CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = _options.KeepAliveTimeout;
        using (var connectTimeout = new CancellationTokenSource(_options.ConnectTimeout, _time))
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stop, connectTimeout.Token))
        {
            try
            {
                await socket.ConnectAsync(Uri, connecting.Token);
            }
            catch (Exception ex)
                when (ex is OperationCanceledException or WebSocketException or HttpRequestException or IOException
                    && !stop.IsCancellationRequested
                )
            {
                return ConnectionEnd.NotOpened(
                    connectTimeout.IsCancellationRequested
                        ? $"connect: no handshake within {Seconds(_options.ConnectTimeout)}"
                        : $"connect: {Describe(ex)}"
                );
            }
        }

        var openedAt = _time.GetTimestamp();
        OnOpened(_time.GetUtcNow());
        var end = await ReceiveAsync(socket, stop) with { Opened = true, Uptime = _time.GetElapsedTime(openedAt) };
        await CloseQuietlyAsync(socket);
        OnClosed(end);
        return end;
    }

    private async Task<ConnectionEnd> ReceiveAsync(ClientWebSocket socket, CancellationToken stop)
    {
        using var stale = new CancellationTokenSource(_options.StaleAfter, _time);
        using var aged = new CancellationTokenSource(_options.MaxConnectionAge, _time);
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(stop, stale.Token, aged.Token);
        var buffer = new ArrayBufferWriter<byte>(ReceiveChunk);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                var skipped = 0L;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (buffer.WrittenCount >= _options.MaxMessageBytes)
                    {
                        skipped += buffer.WrittenCount; // too long: keep reading to its end, keep nothing
                        buffer.ResetWrittenCount();
                    }

                    result = await socket.ReceiveAsync(buffer.GetMemory(ReceiveChunk), receiving.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return new ConnectionEnd(
                            $"closed by the server: {socket.CloseStatus} {socket.CloseStatusDescription}".TrimEnd(),
                            true,
                            false,
                            default
                        );
                    }

                    buffer.Advance(result.Count);
                } while (!result.EndOfMessage);

                var now = _time.GetUtcNow();
                if (skipped > 0 || result.MessageType != WebSocketMessageType.Text)
                {
                    OnMalformed(
                        skipped > 0 ? $"longer than {_options.MaxMessageBytes} bytes" : "a binary frame",
                        buffer.WrittenSpan
                    );
                }
                else
                {
                    // Parsed here, while the bytes are valid: the buffer takes the next frame.
                    var outcome = _reader.Read(buffer.WrittenSpan, now, out var message, out var error);
                    if (outcome == FrameOutcome.Malformed)
                    {
                        OnMalformed(error ?? "unreadable", buffer.WrittenSpan);
                        continue;
                    }

                    stale.CancelAfter(_options.StaleAfter);
                    Interlocked.Increment(ref _messages);
                    Volatile.Write(ref _lastMessageTicks, now.UtcTicks);
                    if (outcome == FrameOutcome.Message)
                    {
                        _channel.Writer.TryWrite(message!);
                    }
                }
            }
        }
        catch (Exception ex)
            when (ex is OperationCanceledException or WebSocketException or IOException && !stop.IsCancellationRequested
            )
        {
            // Our own timeouts abort the receive; otherwise the connection broke under us.
            return stale.IsCancellationRequested
                    ? new ConnectionEnd($"stale: no message for {Seconds(_options.StaleAfter)}", true, false, default)
                : aged.IsCancellationRequested
                    ? new ConnectionEnd(
                        $"planned reconnect: the connection reached its maximum age of {_options.MaxConnectionAge}",
                        true,
                        true,
                        default
                    )
                : new ConnectionEnd($"receive: {Describe(ex)}", true, false, default);
        }
    }

    private async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, bound.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // The peer is gone or slow: the connection is being dropped anyway.
        }
    }

    private void OnOpened(DateTimeOffset now)
    {
        int reconnects;
        (DateTimeOffset Start, string Reason)? gap;
        lock (_gate)
        {
            reconnects = _everOpened ? _status.Reconnects + 1 : 0;
            _everOpened = true;
            gap = _pendingGap;
            _pendingGap = null;
            _status = _status with { ConnectedAt = now, Reconnects = reconnects, ConsecutiveFailures = 0 };
        }

        if (gap is { } missing)
        {
            _channel.Writer.TryWrite(
                _reader.Notice(new ReconnectedMessage(missing.Start, missing.Reason, reconnects, now))
            );
        }

        SetState(
            StreamState.Connected,
            reconnects == 0 ? $"opened {Uri}" : $"reopened {Uri}, reconnection {reconnects}"
        );
    }

    private void OnClosed(ConnectionEnd end)
    {
        var lastMessage = Volatile.Read(ref _lastMessageTicks);
        lock (_gate)
        {
            var connectedAt = _status.ConnectedAt ?? _time.GetUtcNow();
            var start =
                lastMessage > connectedAt.UtcTicks ? new DateTimeOffset(lastMessage, TimeSpan.Zero) : connectedAt;
            _pendingGap ??= (start, end.Reason);
            _status = _status with { ConnectedAt = null };
        }
    }

    private void RecordFailure(string reason)
    {
        lock (_gate)
        {
            _status = _status with
            {
                LastError = reason,
                LastErrorAt = _time.GetUtcNow(),
                ConsecutiveFailures = _status.ConsecutiveFailures + 1,
            };
        }
    }

    private void OnMalformed(string error, ReadOnlySpan<byte> message)
    {
        var count = Interlocked.Increment(ref _malformed);
        if (count <= 10 || count % 1000 == 0)
        {
            BinanceStreamLog.Malformed(_logger, Name, count, error, RestResponseReader.Excerpt(message));
        }
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!ex.Message.Contains(inner.Message, StringComparison.Ordinal))
            {
                text += $" ({inner.GetType().Name}: {inner.Message})";
            }
        }

        return text;
    }
}
