namespace MoneyBot.ExtGap.Notifications;

/// <summary>What a symbol's name says: BTCUSDT is BTC quoted in USDT.</summary>
public static class Symbols
{
    private static readonly string[] QuoteSuffixes = ["FDUSD", "USDT", "USDC", "BUSD", "USD"];

    /// <summary>
    /// The base asset, the unit of a quantity: BTCUSDT -> BTC, ETHUSDC -> ETH; the symbol itself when no quote suffix
    /// matches.
    /// </summary>
    public static string BaseAsset(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
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
}
