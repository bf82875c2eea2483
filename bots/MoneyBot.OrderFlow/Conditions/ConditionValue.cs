namespace MoneyBot.OrderFlow.Conditions;

/// <summary>
/// What a condition answers: missing or stale data is <see cref="Unknown"/>, never a silent pass or block.
/// </summary>
public enum ConditionValue : byte
{
    /// <summary>The condition holds.</summary>
    True,

    /// <summary>The condition does not hold.</summary>
    False,

    /// <summary>The data cannot tell (stale feed, no trade yet, history too short); the reason says why.</summary>
    Unknown,
}
