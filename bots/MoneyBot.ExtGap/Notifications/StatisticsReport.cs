using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Notifications;

/// <summary>What the periodic statistics message shows.</summary>
/// <param name="Since">When the bot started.</param>
/// <param name="Totals">Running trade totals.</param>
/// <param name="OpenPosition">The open position, if any.</param>
/// <param name="LastPrice">The last close, for the open position's unrealized P&amp;L.</param>
/// <param name="LastGap">The last gap, if any (the current trend).</param>
/// <param name="Sequence">Consecutive gaps of the current polarity.</param>
public sealed record StatisticsReport(
    DateTimeOffset Since,
    TradeStatistics Totals,
    Position? OpenPosition,
    decimal? LastPrice,
    Gap? LastGap,
    int Sequence
);
