namespace MoneyBot.ExtGap.Detection;

/// <summary>The direction of a gap.</summary>
public enum GapPolarity
{
    /// <summary>Price left the group upwards: the low broke above the bull candidate (lowest high).</summary>
    Bullish,

    /// <summary>Price left the group downwards: the high broke below the bear candidate (highest low).</summary>
    Bearish,
}
