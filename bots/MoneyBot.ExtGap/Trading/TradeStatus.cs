namespace MoneyBot.ExtGap.Trading;

/// <summary>The outcome of a closed trade, by its realized P&amp;L.</summary>
public enum TradeStatus
{
    /// <summary>Realized P&amp;L above zero.</summary>
    Win,

    /// <summary>Realized P&amp;L below zero.</summary>
    Loss,

    /// <summary>Realized P&amp;L exactly zero.</summary>
    Breakeven,
}
