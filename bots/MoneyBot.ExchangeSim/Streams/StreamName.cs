using System.Globalization;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// A parsed stream name: <c>btcusdt@aggTrade</c>, <c>btcusdt@kline_3m</c>, <c>btcusdt@depth20@100ms</c>
/// (or <c>@depth5</c>/<c>@depth10</c>; without a speed about once a second). <see cref="Text"/> is the
/// canonical form (lower-case symbol) used in the combined-stream envelope.
/// </summary>
/// <param name="Kind">Which stream.</param>
/// <param name="Symbol">Upper-case symbol.</param>
/// <param name="Interval">The kline interval (kline streams).</param>
/// <param name="Levels">5, 10 or 20 (depth streams).</param>
/// <param name="UpdateMs">
/// The depth stream's speed as named: 100 (<c>@100ms</c>), 500 (<c>@500ms</c>, USD-M futures only), or 0 for the
/// default speed (no suffix, or spot's <c>@1000ms</c>).
/// </param>
public readonly record struct StreamName(
    StreamKind Kind,
    string Symbol,
    CandleInterval Interval,
    int Levels,
    int UpdateMs
)
{
    /// <summary>The canonical name.</summary>
    public string Text =>
        Kind switch
        {
            StreamKind.AggTrade => $"{Symbol.ToLowerInvariant()}@aggTrade",
            StreamKind.Kline => $"{Symbol.ToLowerInvariant()}@kline_{Interval.Name}",
            _ => string.Create(
                CultureInfo.InvariantCulture,
                $"{Symbol.ToLowerInvariant()}@depth{Levels}{(UpdateMs > 0 ? $"@{UpdateMs}ms" : string.Empty)}"
            ),
        };

    /// <summary>The aggTrade stream of a symbol.</summary>
    public static StreamName AggTrade(string symbol) => new(StreamKind.AggTrade, symbol, default, 0, 0);

    /// <summary>The kline stream of a symbol and interval.</summary>
    public static StreamName Kline(string symbol, CandleInterval interval) =>
        new(StreamKind.Kline, symbol, interval, 0, 0);

    /// <summary>A depth stream of a symbol; <paramref name="updateMs"/> 0 is the default speed.</summary>
    public static StreamName Depth(string symbol, int levels, int updateMs) =>
        new(StreamKind.Depth, symbol, default, levels, updateMs);

    /// <summary>
    /// Parses a stream name for one of <paramref name="markets"/> as <paramref name="market"/>'s connections name
    /// it; <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(
        string text,
        SimulatedMarkets markets,
        StreamMarket market,
        out StreamName name,
        out string error
    )
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(markets);
        name = default;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || !markets.TryGet(text[..at], out var symbolMarket))
        {
            error =
                $"Unknown stream '{text}': the symbol must be one of "
                + $"{string.Join(", ", markets.All.Select(m => m.Symbol.ToLowerInvariant()))}.";
            return false;
        }

        var symbol = symbolMarket.Symbol;
        var rest = text[(at + 1)..];
        error = string.Empty;
        if (rest == "aggTrade")
        {
            name = AggTrade(symbol);
            return true;
        }

        if (
            rest.StartsWith("kline_", StringComparison.Ordinal)
            && CandleInterval.TryParse(rest["kline_".Length..], out var interval)
        )
        {
            name = Kline(symbol, interval);
            return true;
        }

        // Spot names the one-second default @1000ms; USD-M futures offers @500ms besides the default.
        var (depth, updateMs) =
            rest.EndsWith("@100ms", StringComparison.Ordinal) ? (rest[..^"@100ms".Length], 100)
            : market == StreamMarket.UsdFutures && rest.EndsWith("@500ms", StringComparison.Ordinal)
                ? (rest[..^"@500ms".Length], 500)
            : market == StreamMarket.Spot && rest.EndsWith("@1000ms", StringComparison.Ordinal)
                ? (rest[..^"@1000ms".Length], 0)
            : (rest, 0);
        if (depth is "depth5" or "depth10" or "depth20")
        {
            name = Depth(symbol, int.Parse(depth["depth".Length..], CultureInfo.InvariantCulture), updateMs);
            return true;
        }

        error =
            $"Unknown stream '{text}': use <symbol>@aggTrade, <symbol>@kline_<1m..1d> or "
            + (
                market == StreamMarket.Spot
                    ? "<symbol>@depth<5|10|20>[@100ms]."
                    : "<symbol>@depth<5|10|20>[@100ms|@500ms]."
            );
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
