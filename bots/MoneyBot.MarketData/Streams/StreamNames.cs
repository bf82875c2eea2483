using System.Globalization;

namespace MoneyBot.MarketData.Streams;

/// <summary>Binance stream names; symbols are lower case in stream names.</summary>
public static class StreamNames
{
    /// <summary><c>&lt;symbol&gt;@kline_&lt;interval&gt;</c>.</summary>
    public static string Kline(string symbol, KlineInterval interval) => $"{Lower(symbol)}@kline_{interval.Name}";

    /// <summary><c>&lt;symbol&gt;@aggTrade</c>.</summary>
    public static string AggTrade(string symbol) => $"{Lower(symbol)}@aggTrade";

    /// <summary>
    /// <c>&lt;symbol&gt;@depth&lt;levels&gt;</c> or <c>&lt;symbol&gt;@depth&lt;levels&gt;@&lt;ms&gt;ms</c>: the top
    /// <paramref name="levels"/> (5, 10 or 20) of the book each update; no speed means the market's default.
    /// </summary>
    public static string PartialDepth(string symbol, int levels = 20, TimeSpan? updateSpeed = null)
    {
        if (levels is not (5 or 10 or 20))
        {
            throw new ArgumentOutOfRangeException(
                nameof(levels),
                levels,
                "Binance's partial depth streams have 5, 10 or 20 levels."
            );
        }

        var speed = updateSpeed is { } s
            ? "@" + ((long)s.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms"
            : string.Empty;
        return $"{Lower(symbol)}@depth{levels.ToString(CultureInfo.InvariantCulture)}{speed}";
    }

    /// <summary>The symbol a stream name is about, upper case ("btcusdt@aggTrade" gives "BTCUSDT").</summary>
    public static string SymbolOf(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var at = stream.IndexOf('@', StringComparison.Ordinal);
        return (at < 0 ? stream : stream[..at]).ToUpperInvariant();
    }

    private static string Lower(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return symbol.ToLowerInvariant();
    }
}
