using MoneyBot.Common.Resilience;

namespace MoneyBot.MarketData.Streams;

/// <summary>
/// What a <see cref="BinanceStream"/> subscribes to and how it keeps the connection honest.
/// One stream connects to <c>/ws/&lt;stream&gt;</c> (raw); several to <c>/stream?streams=a/b</c> (combined).
/// </summary>
public sealed record BinanceStreamOptions
{
    /// <summary>
    /// Subscribes <paramref name="streams"/> at <paramref name="baseUrl"/> (<c>wss://fstream.binance.com</c>).
    /// </summary>
    public BinanceStreamOptions(Uri baseUrl, IReadOnlyList<string> streams)
    {
        BaseUrl = baseUrl;
        Streams = streams;
    }

    /// <summary>The websocket base URL (may carry a path prefix).</summary>
    public Uri BaseUrl { get; init; }

    /// <summary>Stream names (see <see cref="StreamNames"/>).</summary>
    public IReadOnlyList<string> Streams { get; init; }

    /// <summary>A name for logs; the stream list by default.</summary>
    public string? Name { get; init; }

    /// <summary>Longest wait for the websocket handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// No valid message for this long means the connection is dead even if the socket looks open: abort
    /// and reconnect. About twice the stream's expected gap between messages (kline streams push every
    /// 1-2 s, so 60 s is generous).
    /// </summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often the socket shows it is alive. Binance pings us (every 20 s on spot, 3 min on futures)
    /// and <see cref="System.Net.WebSockets.ClientWebSocket"/> answers every ping with a pong on its own
    /// while a receive is pending (ours always is); with <see cref="KeepAliveTimeout"/> infinite it also
    /// sends an unsolicited pong at this interval, which Binance allows.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// When finite, the client pings at <see cref="KeepAliveInterval"/> and aborts when no pong comes
    /// back within this time. Infinite by default: <see cref="StaleAfter"/> already catches dead connections.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Reconnect on purpose before Binance cuts the connection at 24 h.</summary>
    public TimeSpan MaxConnectionAge { get; init; } = new(23, 50, 0);

    /// <summary>
    /// Delays between reconnection attempts (capped exponential with jitter, reset after a stable connection).
    /// </summary>
    public BackoffPolicy Reconnect { get; init; } = BackoffPolicy.Default;

    /// <summary>Messages buffered for a slow consumer; beyond it the oldest are dropped and counted.</summary>
    public int Capacity { get; init; } = 10_000;

    /// <summary>A longer message is skipped as malformed.</summary>
    public int MaxMessageBytes { get; init; } = 1 << 20;

    /// <summary>
    /// The options for <paramref name="streams"/> on <paramref name="market"/> at <paramref name="endpoints"/>.
    /// </summary>
    public static BinanceStreamOptions For(
        MarketDataEndpoints endpoints,
        Market market,
        params IReadOnlyList<string> streams
    )
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new BinanceStreamOptions(endpoints.WebSocketBase(market), streams);
    }

    /// <summary>The URL to connect to: raw for one stream, combined for several.</summary>
    public Uri ConnectionUri() =>
        Streams.Count == 1
            ? MarketDataEndpoints.Join(BaseUrl, "/ws/" + Streams[0])
            : MarketDataEndpoints.Join(BaseUrl, "/stream?streams=" + string.Join('/', Streams));

    /// <summary>Checks the options once; throws an <see cref="ArgumentException"/> that says what to fix.</summary>
    public BinanceStreamOptions Validate()
    {
        if (
            BaseUrl is null
            || !BaseUrl.IsAbsoluteUri
            || (BaseUrl.Scheme != Uri.UriSchemeWs && BaseUrl.Scheme != Uri.UriSchemeWss)
            || BaseUrl.Query.Length > 0
        )
        {
            throw new ArgumentException(
                $"The stream base URL '{BaseUrl}' must be an absolute ws:// or wss:// URL without a query, like "
                    + $"{MarketDataEndpoints.Binance.FuturesWebSocket}.",
                nameof(BaseUrl)
            );
        }

        if (
            Streams is null
            || Streams.Count == 0
            || Streams.Any(s =>
                string.IsNullOrWhiteSpace(s) || s.Contains('/', StringComparison.Ordinal) || s.Any(char.IsWhiteSpace)
            )
        )
        {
            throw new ArgumentException(
                "Give at least one stream name, like 'btcusdt@kline_3m' (see StreamNames); names contain no '/' "
                    + "or spaces.",
                nameof(Streams)
            );
        }

        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(StaleAfter, nameof(StaleAfter));
        Positive(KeepAliveInterval, nameof(KeepAliveInterval));
        Positive(MaxConnectionAge, nameof(MaxConnectionAge));
        if (KeepAliveTimeout != Timeout.InfiniteTimeSpan)
        {
            Positive(KeepAliveTimeout, nameof(KeepAliveTimeout));
        }

        ArgumentNullException.ThrowIfNull(Reconnect, nameof(Reconnect));
        if (Capacity < 1 || MaxMessageBytes < 1024)
        {
            throw new ArgumentException(
                $"Capacity ({Capacity}) must be at least 1 and MaxMessageBytes ({MaxMessageBytes}) at least 1024."
            );
        }

        return this;
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive, not {value}.", name);
        }
    }
}
