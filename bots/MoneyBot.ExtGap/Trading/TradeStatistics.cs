namespace MoneyBot.ExtGap.Trading;

/// <summary>Running totals over closed trades.</summary>
/// <param name="Wins">Trades with realized P&amp;L above zero.</param>
/// <param name="Losses">Trades with realized P&amp;L below zero.</param>
/// <param name="Breakevens">Trades with realized P&amp;L of exactly zero.</param>
/// <param name="CumulativePnl">Sum of realized P&amp;L.</param>
/// <param name="CumulativeFees">Sum of each closed trade's entry and exit fee.</param>
public readonly record struct TradeStatistics(
    int Wins,
    int Losses,
    int Breakevens,
    decimal CumulativePnl,
    decimal CumulativeFees
)
{
    /// <summary>Closed trades.</summary>
    public int ClosedTrades => Wins + Losses + Breakevens;

    /// <summary>The totals after one more closed trade.</summary>
    public TradeStatistics Add(TradeStatus status, decimal realized, decimal fees) =>
        new(
            Wins + (status == TradeStatus.Win ? 1 : 0),
            Losses + (status == TradeStatus.Loss ? 1 : 0),
            Breakevens + (status == TradeStatus.Breakeven ? 1 : 0),
            CumulativePnl + realized,
            CumulativeFees + fees
        );
}
