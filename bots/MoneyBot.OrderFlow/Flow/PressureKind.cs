namespace MoneyBot.OrderFlow.Flow;

/// <summary>What the buy/sell pressure ratio is.</summary>
public enum PressureKind : byte
{
    /// <summary>A finite ratio (sell volume above zero).</summary>
    Ratio,

    /// <summary>Buys and no sells: the ratio is infinite (reported as such, never as 999).</summary>
    Infinite,

    /// <summary>No trades at all in the window: there is no ratio.</summary>
    Undefined,
}
