namespace MoneyBot.ExtGap.Trading;

/// <summary>A closed position with its result and the running totals after it (one trades-file row).</summary>
/// <param name="Status">Win, loss or breakeven.</param>
/// <param name="OpenTime">Entry time.</param>
/// <param name="CloseTime">Exit time (the closing candle's close time).</param>
/// <param name="Market">The symbol.</param>
/// <param name="Side">Long or short.</param>
/// <param name="EntryPrice">Entry price.</param>
/// <param name="ExitPrice">Exit price.</param>
/// <param name="Notional">Size in quote currency.</param>
/// <param name="Quantity">Size in base asset.</param>
/// <param name="Return">Price change in the position's favour, as a fraction of the entry price.</param>
/// <param name="GrossPnl">Notional x return.</param>
/// <param name="RealizedPnl">Gross minus entry and exit fee.</param>
/// <param name="TotalFees">Entry fee + exit fee.</param>
/// <param name="Reason">Why it closed.</param>
/// <param name="Totals">Running totals including this trade.</param>
public sealed record ClosedTrade(
    TradeStatus Status,
    DateTimeOffset OpenTime,
    DateTimeOffset CloseTime,
    string Market,
    PositionSide Side,
    decimal EntryPrice,
    decimal ExitPrice,
    decimal Notional,
    decimal Quantity,
    decimal Return,
    decimal GrossPnl,
    decimal RealizedPnl,
    decimal TotalFees,
    CloseReason Reason,
    TradeStatistics Totals
);
