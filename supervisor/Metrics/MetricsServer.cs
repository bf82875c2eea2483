using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Commands;

namespace MoneyBot.Supervisor.Metrics;

/// <summary>
/// Serves <c>GET /metrics</c> (and <c>HEAD</c>) over HTTP/1.1 on a TCP socket, one request per connection
/// (<c>Connection: close</c>), without ASP.NET Core. A client can only cost itself: the request head is bounded
/// (<see cref="MaxHeadBytes"/>, else 431) and must arrive within <see cref="RequestDeadline"/> (else 408), at most
/// <see cref="MaxConnections"/> connections are served at once (more get 503), and whatever goes wrong with one
/// connection ends that connection only. When the address cannot be bound, the daemon goes on without metrics: the
/// log and <c>status</c> say so.
/// </summary>
/// <param name="endpoint">Where to listen (<c>supervisor.metrics</c>).</param>
/// <param name="source">Writes the metrics text at each scrape.</param>
/// <param name="problems">Where a failed bind is shown under <c>status</c>.</param>
/// <param name="logger">The daemon's log.</param>
public sealed partial class MetricsServer(
    IPEndPoint endpoint,
    MetricsSource source,
    ServiceProblems problems,
    ILogger logger
) : BackgroundService
{
    /// <summary>The name under which a bind failure appears in <see cref="ServiceProblems"/>.</summary>
    public const string ServiceName = "metrics";

    /// <summary>The longest request head (request line and headers) read; longer gets 431.</summary>
    public const int MaxHeadBytes = 8 * 1024;

    /// <summary>Connections served at once; more are answered 503 and closed.</summary>
    public const int MaxConnections = 8;

    /// <summary>How long a client has to send its request head (slow clients get 408).</summary>
    public static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(5);

    /// <summary>After answering, how long the client gets to close first (so the daemon keeps no TIME_WAIT).</summary>
    private static readonly TimeSpan CloseBound = TimeSpan.FromSeconds(1);

    /// <summary>How long scrapes in flight get to finish when the daemon stops.</summary>
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly Lock _textGate = new();
    private readonly StringBuilder _text = new();
    private readonly Encoder _encoder = Encoding.UTF8.GetEncoder();
    private Socket? _listener;
    private int _connections;
    private volatile bool _stopping;

    /// <summary>Where it listens once started (the real port if 0 was asked); null when it could not bind.</summary>
    public IPEndPoint? LocalEndpoint { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(MaxConnections * 4);
        }
        catch (SocketException e)
        {
            // A taken port must not keep the bots down: supervision goes on, the log and status say why.
            listener.Dispose();
            problems.Set(
                ServiceName,
                $"metrics: cannot listen on {endpoint} ({e.Message}); no /metrics until the daemon restarts"
            );
            Log.BindFailed(logger, endpoint, e.Message);
            return Task.CompletedTask;
        }

        _listener = listener;
        LocalEndpoint = (IPEndPoint)listener.LocalEndPoint!;
        Log.Listening(logger, LocalEndpoint);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _listener?.Dispose(); // no new connections
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(AnswerGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Connections still open are cut off below.
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener ?? throw new InvalidOperationException("StartAsync binds the socket first");
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stopping)
            {
                break; // stopping (a pending accept ends with "operation canceled" when the socket closes)
            }
            catch (SocketException e)
            {
                // Out of file descriptors, say: try again shortly rather than give up metrics for good.
                Log.AcceptFailed(logger, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (Interlocked.Increment(ref _connections) > MaxConnections)
            {
                Interlocked.Decrement(ref _connections);
                Refuse(connection);
                continue;
            }

            var serving = ServeAsync(connection, stoppingToken);
            _inFlight[serving] = true;
            _ = serving.ContinueWith(
                t =>
                {
                    _inFlight.TryRemove(t, out _);
                    Interlocked.Decrement(ref _connections);
                },
                TaskScheduler.Default
            );
        }

        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(false); // each ends once stoppingToken is cancelled
    }

    private static void Refuse(Socket connection)
    {
        using var _ = connection;
        try
        {
            // A fresh socket's send buffer is empty: this small write does not block.
            connection.Send(Response(503, "too many connections; try again\n", isHead: false));
            connection.Shutdown(SocketShutdown.Send); // the answer, then the end, before the close
        }
        catch (SocketException)
        {
            // gone already
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken stoppingToken)
    {
        using var _ = connection;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(RequestDeadline);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
        try
        {
            var (status, isHead) = await ReadRequestAsync(connection, buffer, deadline.Token).ConfigureAwait(false);
            if (status == 0)
            {
                return; // the client went away before its request was complete
            }

            if (status == 200)
            {
                var (response, length) = Scrape(isHead);
                try
                {
                    await connection
                        .SendAsync(response.AsMemory(0, length), SocketFlags.None, deadline.Token)
                        .ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(response);
                }
            }
            else
            {
                var response = Response(status, Reason(status) + "\n", isHead);
                await connection.SendAsync(response, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }

            Log.Answered(logger, status);
            await AwaitCloseAsync(connection, buffer, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Log.ClientTooSlow(logger, RequestDeadline);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.ConnectionDropped(logger, e.Message); // the client went away or the daemon is stopping
        }
        catch (Exception e)
        {
            // A failing scrape must not take the endpoint (or anything else) down with it.
            Log.RequestFailed(logger, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the request head and says how to answer: a status (0: the client closed before finishing it) and
    /// whether it is a HEAD. A head that does not fit <see cref="MaxHeadBytes"/> is 431; one not complete by the
    /// deadline is 408 (answered here; then the token throws).
    /// </summary>
    private static async Task<(int Status, bool IsHead)> ReadRequestAsync(
        Socket connection,
        byte[] buffer,
        CancellationToken cancellationToken
    )
    {
        var length = 0;
        while (true)
        {
            int read;
            try
            {
                read = await connection
                    .ReceiveAsync(buffer.AsMemory(length, MaxHeadBytes - length), SocketFlags.None, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                TrySend(connection, Response(408, Reason(408) + "\n", isHead: false));
                throw;
            }

            if (read == 0)
            {
                return (0, false);
            }

            var searchFrom = Math.Max(0, length - 3);
            length += read;
            var end = buffer.AsSpan(searchFrom, length - searchFrom).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return MetricsRequest.Answer(buffer.AsSpan(0, searchFrom + end));
            }

            if (length == MaxHeadBytes)
            {
                return (431, false);
            }
        }
    }

    /// <summary>
    /// Waits (bounded) for the client to close first, reading and dropping what else it sends (a body, the rest of
    /// an oversized head), so that neither a reset cuts off the answer nor the daemon keeps the closed connection.
    /// </summary>
    private static async Task AwaitCloseAsync(Socket connection, byte[] buffer, CancellationToken stoppingToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bound.CancelAfter(CloseBound);
        try
        {
            for (var dropped = 0; dropped < 64 * 1024; )
            {
                var read = await connection
                    .ReceiveAsync(buffer.AsMemory(0, MaxHeadBytes), SocketFlags.None, bound.Token)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                dropped += read;
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The client keeps the connection open: closed from this side.
        }
    }

    private static void TrySend(Socket connection, byte[] response)
    {
        try
        {
            connection.Send(response);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // gone already
        }
    }

    /// <summary>
    /// The metrics, written at this moment, as a complete response in a pooled buffer (returned by the caller). The
    /// text is built in one reused builder, so a scrape allocates little beyond the buffer it rents.
    /// </summary>
    private (byte[] Response, int Length) Scrape(bool isHead)
    {
        lock (_textGate)
        {
            _text.Clear();
            source.WriteTo(_text);
            // Encoded once, whole: the encoder carries a character split across the builder's chunks, so the length
            // sent is the length of what is sent.
            var body = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(_text.Length));
            try
            {
                _encoder.Reset();
                var bodyLength = 0;
                foreach (var chunk in _text.GetChunks())
                {
                    bodyLength += _encoder.GetBytes(chunk.Span, body.AsSpan(bodyLength), flush: false);
                }

                bodyLength += _encoder.GetBytes([], body.AsSpan(bodyLength), flush: true);
                var head = Head(200, bodyLength, MetricsText.ContentType);
                var length = head.Length + (isHead ? 0 : bodyLength);
                var response = ArrayPool<byte>.Shared.Rent(length);
                var written = Encoding.ASCII.GetBytes(head, response);
                if (!isHead)
                {
                    body.AsSpan(0, bodyLength).CopyTo(response.AsSpan(written));
                }

                return (response, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
    }

    private static byte[] Response(int status, string text, bool isHead)
    {
        var body = Encoding.UTF8.GetBytes(text);
        var head = Encoding.ASCII.GetBytes(Head(status, body.Length, "text/plain; charset=utf-8"));
        return isHead ? head : [.. head, .. body];
    }

    private static string Head(int status, int contentLength, string contentType)
    {
        var extra = status switch
        {
            405 => "Allow: GET, HEAD\r\n",
            503 => "Retry-After: 1\r\n",
            _ => string.Empty,
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: {contentType}\r\n"
                + $"Content-Length: {contentLength}\r\n{extra}Connection: close\r\n\r\n"
        );
    }

    private static string Reason(int status) =>
        status switch
        {
            200 => "OK",
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            408 => "Request Timeout",
            431 => "Request Header Fields Too Large",
            503 => "Service Unavailable",
            505 => "HTTP Version Not Supported",
            _ => "Error",
        };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "metrics served on http://{Endpoint}/metrics")]
        public static partial void Listening(ILogger logger, IPEndPoint endpoint);

        [LoggerMessage(
            Level = LogLevel.Error,
            Message = "metrics: cannot listen on {Endpoint} ({Reason}); supervision goes on without /metrics "
                + "(free the port or change supervisor.metrics, then restart the daemon)"
        )]
        public static partial void BindFailed(ILogger logger, IPEndPoint endpoint, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "metrics: accept failed: {Reason}")]
        public static partial void AcceptFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Debug, Message = "metrics: answered {Status}")]
        public static partial void Answered(ILogger logger, int status);

        [LoggerMessage(Level = LogLevel.Debug, Message = "metrics: no complete request within {Deadline}")]
        public static partial void ClientTooSlow(ILogger logger, TimeSpan deadline);

        [LoggerMessage(Level = LogLevel.Debug, Message = "metrics: connection dropped: {Reason}")]
        public static partial void ConnectionDropped(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "metrics: request failed")]
        public static partial void RequestFailed(ILogger logger, Exception exception);
    }
}
