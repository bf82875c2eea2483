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
