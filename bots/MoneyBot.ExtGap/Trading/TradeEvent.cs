namespace MoneyBot.ExtGap.Trading;

/// <summary>Something the trade simulator did: <see cref="PositionOpened"/> or <see cref="PositionClosed"/>.</summary>
public abstract record TradeEvent;
