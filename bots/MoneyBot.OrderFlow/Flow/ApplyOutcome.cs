namespace MoneyBot.OrderFlow.Flow;

/// <summary>What <see cref="SymbolFlow.Apply"/> did with a trade.</summary>
public enum ApplyOutcome : byte
{
    /// <summary>The next trade: applied.</summary>
    Applied,

    /// <summary>
    /// Applied, but trades before it are missing (an id hole no backfill filled): history coverage restarts here.
    /// </summary>
    AppliedAfterGap,

    /// <summary>Already applied (id not above the last one): skipped.</summary>
    Duplicate,
}
