using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Replay;

/// <summary>What to replay and where the records go.</summary>
/// <param name="CandlesPath">The candle CSV.</param>
/// <param name="Symbol">The symbol written in the records, e.g. BTCUSDT.</param>
/// <param name="Timeframe">The candles' timeframe.</param>
/// <param name="GapsPath">The gaps CSV (appended to; created with its header when new).</param>
/// <param name="TradesPath">The trades CSV (appended to; created with its header when new).</param>
/// <param name="Trading">Trading settings.</param>
/// <param name="StatePath">Optional state file: resumed from when present, saved at the end.</param>
public sealed record ReplayOptions(
    string CandlesPath,
    string Symbol,
    Timeframe Timeframe,
    string GapsPath,
    string TradesPath,
    TradingSettings Trading,
    string? StatePath = null
);
