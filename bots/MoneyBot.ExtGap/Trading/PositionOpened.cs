namespace MoneyBot.ExtGap.Trading;

/// <summary>A position was entered.</summary>
/// <param name="Position">The new position.</param>
public sealed record PositionOpened(Position Position) : TradeEvent;
