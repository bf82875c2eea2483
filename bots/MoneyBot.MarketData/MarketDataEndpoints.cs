namespace MoneyBot.MarketData;

/// <summary>
/// Base URLs of the market-data services: configuration, so tests and demos can point them at the
/// simulated exchange. A base URL may carry a path prefix (<c>http://127.0.0.1:5000/futures</c>);
/// request paths are appended to it.
/// </summary>
/// <param name="SpotRest">Spot REST API (<c>/api/v3/...</c> is appended).</param>
/// <param name="FuturesRest">USD-M futures REST API (<c>/fapi/v1/...</c> is appended).</param>
/// <param name="SpotWebSocket">Spot market streams (<c>/ws/...</c> or <c>/stream?...</c> is appended).</param>
/// <param name="FuturesWebSocket">USD-M futures market streams.</param>
public sealed record MarketDataEndpoints(Uri SpotRest, Uri FuturesRest, Uri SpotWebSocket, Uri FuturesWebSocket)
{
    /// <summary>Binance's real endpoints.</summary>
    public static MarketDataEndpoints Binance { get; } =
        new(
            new Uri("https://api.binance.com"),
            new Uri("https://fapi.binance.com"),
            new Uri("wss://stream.binance.com:9443"),
            new Uri("wss://fstream.binance.com")
        );

    /// <summary>The REST base URL for <paramref name="market"/>.</summary>
    public Uri RestBase(Market market) => market == Market.Spot ? SpotRest : FuturesRest;

    /// <summary>The websocket base URL for <paramref name="market"/>.</summary>
    public Uri WebSocketBase(Market market) => market == Market.Spot ? SpotWebSocket : FuturesWebSocket;

    /// <summary>Checks every URL once; throws an <see cref="ArgumentException"/> that names the bad one.</summary>
    public MarketDataEndpoints Validate()
    {
        Check(SpotRest, nameof(SpotRest), Uri.UriSchemeHttp, Uri.UriSchemeHttps);
        Check(FuturesRest, nameof(FuturesRest), Uri.UriSchemeHttp, Uri.UriSchemeHttps);
        Check(SpotWebSocket, nameof(SpotWebSocket), Uri.UriSchemeWs, Uri.UriSchemeWss);
        Check(FuturesWebSocket, nameof(FuturesWebSocket), Uri.UriSchemeWs, Uri.UriSchemeWss);
        return this;
    }

    private static void Check(Uri? url, string name, string scheme, string secureScheme)
    {
        if (
            url is null
            || !url.IsAbsoluteUri
            || (url.Scheme != scheme && url.Scheme != secureScheme)
            || !string.IsNullOrEmpty(url.Query)
        )
        {
            throw new ArgumentException(
                $"Market-data endpoint {name} '{url}' must be an absolute {scheme}:// or {secureScheme}:// URL "
                    + $"without a query, like {PropertyOf(Binance, name)}.",
                name
            );
        }
    }

    private static Uri PropertyOf(MarketDataEndpoints e, string name) =>
        name switch
        {
            nameof(SpotRest) => e.SpotRest,
            nameof(FuturesRest) => e.FuturesRest,
            nameof(SpotWebSocket) => e.SpotWebSocket,
            _ => e.FuturesWebSocket,
        };

    /// <summary>Joins a base URL (which may carry a path prefix) and an absolute path.</summary>
    internal static Uri Join(Uri baseUrl, string pathAndQuery) => new(baseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery);
}
