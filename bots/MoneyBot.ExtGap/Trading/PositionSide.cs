namespace MoneyBot.ExtGap.Trading;

/// <summary>The side of a simulated position.</summary>
public enum PositionSide
{
    /// <summary>Long (opened on a bullish reversal).</summary>
    Long,

    /// <summary>Short (opened on a bearish reversal).</summary>
    Short,
}
