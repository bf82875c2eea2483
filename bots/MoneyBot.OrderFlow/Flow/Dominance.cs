namespace MoneyBot.OrderFlow.Flow;

/// <summary>Which side dominates the pressure window.</summary>
public enum Dominance : byte
{
    /// <summary>Pressure above the buy threshold (1.2), or buys and no sells.</summary>
    Buy,

    /// <summary>Pressure below the sell threshold (0.8).</summary>
    Sell,

    /// <summary>In between, or no trades.</summary>
    Neutral,
}
