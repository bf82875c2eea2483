using System.Globalization;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// A parsed stream name: <c>btcusdt@aggTrade</c>, <c>btcusdt@kline_3m</c>, <c>btcusdt@depth20@100ms</c>
/// (or <c>@depth5</c>/<c>@depth10</c>, every 1000 ms without the suffix). <see cref="Text"/> is the
/// canonical form (lower-case symbol) used in the combined-stream envelope.
/// </summary>
public readonly record struct StreamName(StreamKind Kind, string Symbol, CandleInterval Interval, int Levels, bool Fast)
{
    /// <summary>The canonical name.</summary>
    public string Text =>
        Kind switch
        {
            StreamKind.AggTrade => $"{Symbol.ToLowerInvariant()}@aggTrade",
            StreamKind.Kline => $"{Symbol.ToLowerInvariant()}@kline_{Interval.Name}",
            _ => string.Create(
                CultureInfo.InvariantCulture,
                $"{Symbol.ToLowerInvariant()}@depth{Levels}{(Fast ? "@100ms" : string.Empty)}"
            ),
        };

    /// <summary>The aggTrade stream of a symbol.</summary>
    public static StreamName AggTrade(string symbol) => new(StreamKind.AggTrade, symbol, default, 0, false);

    /// <summary>The kline stream of a symbol and interval.</summary>
    public static StreamName Kline(string symbol, CandleInterval interval) =>
        new(StreamKind.Kline, symbol, interval, 0, false);

    /// <summary>A depth stream of a symbol.</summary>
    public static StreamName Depth(string symbol, int levels, bool fast) =>
        new(StreamKind.Depth, symbol, default, levels, fast);

    /// <summary>
    /// Parses a stream name for one of <paramref name="markets"/>; <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string text, SimulatedMarkets markets, out StreamName name, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(markets);
        name = default;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || !markets.TryGet(text[..at], out var market))
        {
            error =
                $"Unknown stream '{text}': the symbol must be one of "
                + $"{string.Join(", ", markets.All.Select(m => m.Symbol.ToLowerInvariant()))}.";
            return false;
        }

        var rest = text[(at + 1)..];
        error = string.Empty;
        if (rest == "aggTrade")
        {
            name = AggTrade(market.Symbol);
            return true;
        }

        if (
            rest.StartsWith("kline_", StringComparison.Ordinal)
            && CandleInterval.TryParse(rest["kline_".Length..], out var interval)
        )
        {
            name = Kline(market.Symbol, interval);
            return true;
        }

        var fast = rest.EndsWith("@100ms", StringComparison.Ordinal);
        var depth =
            fast ? rest[..^"@100ms".Length]
            : rest.EndsWith("@1000ms", StringComparison.Ordinal) ? rest[..^"@1000ms".Length]
            : rest;
        if (depth is "depth5" or "depth10" or "depth20")
        {
            name = Depth(market.Symbol, int.Parse(depth["depth".Length..], CultureInfo.InvariantCulture), fast);
            return true;
        }

        error =
            $"Unknown stream '{text}': use <symbol>@aggTrade, <symbol>@kline_<1m..1d> or "
            + $"<symbol>@depth<5|10|20>[@100ms].";
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
