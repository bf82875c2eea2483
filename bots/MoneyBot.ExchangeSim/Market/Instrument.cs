namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// The grids and starting price of one simulated symbol. Presets exist for BTCUSDT, ETHUSDT,
/// BNBUSDT and SOLUSDT; any other symbol trades around 100 with a 0.01 tick.
/// </summary>
/// <param name="Symbol">Upper-case symbol, e.g. <c>BTCUSDT</c>.</param>
/// <param name="TickSize">Price grid.</param>
/// <param name="StepSize">Quantity grid.</param>
/// <param name="InitialPrice">Where the price process starts (and slowly reverts to).</param>
public sealed record Instrument(string Symbol, decimal TickSize, decimal StepSize, decimal InitialPrice)
{
    /// <summary>Decimals of the price grid (2 for a 0.01 tick).</summary>
    public int PriceDecimals => TickSize.Scale;

    /// <summary>Decimals of the quantity grid.</summary>
    public int QuantityDecimals => StepSize.Scale;

    private static readonly string[] QuoteAssets =
    [
        "USDT",
        "USDC",
        "FDUSD",
        "BUSD",
        "TUSD",
        "BTC",
        "ETH",
        "BNB",
        "EUR",
    ];

    /// <summary>
    /// The asset quoted (<c>BTC</c> of <c>BTCUSDT</c>): the symbol without its quote asset. A symbol that ends with
    /// no known quote asset is cut before its last three characters (the first one when it is shorter).
    /// </summary>
    public string BaseAsset => Symbol[..^QuoteAsset.Length];

    /// <summary>
    /// The asset prices are in (<c>USDT</c> of <c>BTCUSDT</c>): a known quote asset the symbol ends with (USDT, USDC,
    /// FDUSD, BUSD, TUSD, BTC, ETH, BNB, EUR), else its last three characters (all but the first when shorter).
    /// </summary>
    public string QuoteAsset =>
        QuoteAssets.FirstOrDefault(q => Symbol.Length > q.Length && Symbol.EndsWith(q, StringComparison.Ordinal))
        ?? (Symbol.Length > 3 ? Symbol[^3..] : Symbol[1..]);

    /// <summary>The preset for a symbol, or a generic one.</summary>
    public static Instrument For(string symbol) =>
        symbol switch
        {
            "BTCUSDT" => new(symbol, 0.01m, 0.00001m, 65000m),
            "ETHUSDT" => new(symbol, 0.01m, 0.0001m, 3200m),
            "BNBUSDT" => new(symbol, 0.01m, 0.001m, 580m),
            "SOLUSDT" => new(symbol, 0.01m, 0.001m, 150m),
            _ => new(symbol, 0.01m, 0.001m, 100m),
        };

    /// <summary>The price of a number of ticks.</summary>
    public decimal Price(long ticks) => ticks * TickSize;

    /// <summary>The quantity of a number of steps.</summary>
    public decimal Quantity(long steps) => steps * StepSize;
}
