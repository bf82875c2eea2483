namespace MoneyBot.ExtGap.Trading;

/// <summary>A position was closed, on a reversal or on expiry (see <see cref="ClosedTrade.Reason"/>).</summary>
/// <param name="Trade">The closed trade with its result.</param>
public sealed record PositionClosed(ClosedTrade Trade) : TradeEvent;
