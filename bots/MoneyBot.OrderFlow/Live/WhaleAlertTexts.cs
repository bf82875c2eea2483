using System.Globalization;
using System.Text;
using MoneyBot.Common.Telegram;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// The texts of the whale alerts (Telegram HTML, dynamic values escaped): one trade, a burst summed
/// up, and the tally of the bursts held back while the chat was at its message cap.
/// </summary>
internal static class WhaleAlertTexts
{
    private static readonly string[] QuoteSuffixes = ["FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USD"];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// One trade: <c>🐋 BTCUSDT WHALE BUY 1.2M @ 97,250.5 (12.34 BTC)</c>, then its exchange time and id.
    /// </summary>
    public static string Single(string symbol, in WhaleTrade trade) =>
        $"🐋 {Describe(symbol, trade)}\n{Time(trade.TimeMs)} UTC · agg trade {trade.Id.ToString(Invariant)}";

    /// <summary>
    /// Several trades of one symbol: count, buy and sell notional, largest, price range, times, the largest few listed.
    /// </summary>
    public static string Burst(WhaleBurst burst, WhaleTier minimumTier)
    {
        ArgumentNullException.ThrowIfNull(burst);
        var symbol = TelegramHtml.Escape(burst.Symbol);
        var text = new StringBuilder()
            .Append(
                Invariant,
                $"🐋 <b>{symbol}: {burst.Count} whale trades</b> ({WhaleTiers.Name(minimumTier)} and up), "
            )
            .Append(Invariant, $"{Time(burst.FirstTimeMs)}–{Time(burst.LastTimeMs)} UTC\n")
            .Append(Sides(burst))
            .Append('\n')
            .Append(Invariant, $"Largest: {Describe(burst.Symbol, burst.Largest)}\n")
            .Append(Invariant, $"Price {Price(burst.LowPrice)} – {Price(burst.HighPrice)}");
        var listed = burst.Listed;
        foreach (var trade in listed)
        {
            text.Append(Invariant, $"\n• {Time(trade.TimeMs)} {Describe(burst.Symbol, trade, withSymbol: false)}");
        }

        if (burst.Count > listed.Count)
        {
            text.Append(Invariant, $"\n… and {burst.Count - listed.Count} smaller");
        }

        return text.ToString();
    }

    /// <summary>
    /// What was held back while more than <paramref name="maxPerMinute"/> messages a minute would have gone out.
    /// </summary>
    public static string Held(IReadOnlyCollection<WhaleBurst> tallies, int maxPerMinute, int maxSymbols)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        var bursts = tallies.Sum(t => t.Bursts);
        var trades = tallies.Sum(t => t.Count);
        var first = tallies.Min(t => t.FirstTimeMs);
        var last = tallies.Max(t => t.LastTimeMs);
        var text = new StringBuilder()
            .Append(Invariant, $"⏸ <b>Whale alerts held back</b>: more than {maxPerMinute} messages a minute.\n")
            .Append(Invariant, $"{bursts} burst(s), {trades} trade(s), {Time(first)}–{Time(last)} UTC:");
        var shown = tallies.OrderByDescending(t => t.BuyNotional + t.SellNotional).Take(maxSymbols).ToList();
        foreach (var tally in shown)
        {
            text.Append(
                Invariant,
                $"\n<b>{TelegramHtml.Escape(tally.Symbol)}</b>: {Sides(tally)}; largest "
                    + $"{Describe(tally.Symbol, tally.Largest, withSymbol: false)}"
            );
        }

        if (tallies.Count > shown.Count)
        {
            text.Append(Invariant, $"\n… and {tallies.Count - shown.Count} more symbol(s)");
        }

        return text.ToString();
    }

    /// <summary>A notional in few characters: 512K, 1.2M, 12.3M, 1.05B.</summary>
    public static string Compact(decimal value)
    {
        var magnitude = Math.Abs(value);
        var (scaled, suffix) =
            magnitude >= 1_000_000_000m ? (value / 1_000_000_000m, "B")
            : magnitude >= 1_000_000m ? (value / 1_000_000m, "M")
            : magnitude >= 1_000m ? (value / 1_000m, "K")
            : (value, string.Empty);
        var size = Math.Abs(scaled);
        var decimals =
            size < 10 ? 2
            : size < 100 ? 1
            : 0;
        return Math.Round(scaled, decimals, MidpointRounding.AwayFromZero).ToString("#,##0.##", Invariant) + suffix;
    }

    /// <summary>
    /// The base asset, the unit of a quantity: BTCUSDT -> BTC; the symbol itself when no quote suffix matches.
    /// </summary>
    public static string BaseAsset(string symbol)
    {
        var upper = symbol.Trim().ToUpperInvariant();
        foreach (var quote in QuoteSuffixes)
        {
            if (upper.Length > quote.Length && upper.EndsWith(quote, StringComparison.Ordinal))
            {
                return upper[..^quote.Length];
            }
        }

        return upper;
    }

    private static string Describe(string symbol, in WhaleTrade trade, bool withSymbol = true)
    {
        var head = withSymbol ? TelegramHtml.Escape(symbol) + " " : string.Empty;
        return $"{head}{WhaleTiers.Name(trade.Tier).ToUpperInvariant()} {Side(trade.Side)} "
            + $"{Compact(trade.Notional)} @ {Price(trade.Price)} "
            + $"({trade.Quantity.ToString("#,##0.########", Invariant)} {TelegramHtml.Escape(BaseAsset(symbol))})";
    }

    private static string Sides(WhaleBurst burst)
    {
        var net = burst.BuyNotional - burst.SellNotional;
        var lean =
            net > 0 ? $"net BUY +{Compact(net)}"
            : net < 0 ? $"net SELL {Compact(-net)}"
            : "net 0";
        return $"BUY {Compact(burst.BuyNotional)} ({burst.BuyCount.ToString(Invariant)}) · SELL "
            + $"{Compact(burst.SellNotional)} ({burst.SellCount.ToString(Invariant)}) · {lean}";
    }

    private static string Side(Aggressor side) => side == Aggressor.Buy ? "BUY" : "SELL";

    private static string Price(decimal price) => price.ToString("#,##0.########", Invariant);

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("HH:mm:ss", Invariant);
}
