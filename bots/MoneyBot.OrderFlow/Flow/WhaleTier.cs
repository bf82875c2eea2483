namespace MoneyBot.OrderFlow.Flow;

/// <summary>The size class of one trade by notional; each trade is in the highest tier it reaches.</summary>
public enum WhaleTier : byte
{
    /// <summary>Below the smallest threshold.</summary>
    None,

    /// <summary>At or above <see cref="WhaleTiers.Small"/>.</summary>
    Small,

    /// <summary>At or above <see cref="WhaleTiers.Medium"/>.</summary>
    Medium,

    /// <summary>At or above <see cref="WhaleTiers.Large"/>.</summary>
    Large,

    /// <summary>At or above <see cref="WhaleTiers.Whale"/>.</summary>
    Whale,
}
