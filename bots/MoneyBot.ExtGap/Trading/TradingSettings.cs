namespace MoneyBot.ExtGap.Trading;

/// <summary>How reversals are traded. Immutable; <see cref="Validate"/> once at start.</summary>
public sealed record TradingSettings
{
    /// <summary>The production bots' settings: 1000 USD, 0.03 % fees each way, entry at close, 24 h max hold.</summary>
    public static TradingSettings Default { get; } = new();

    /// <summary>Position size in quote currency (USD).</summary>
    public decimal Notional { get; init; } = 1000m;

    /// <summary>Entry fee rate, applied to the notional.</summary>
    public decimal EntryFeeRate { get; init; } = 0.0003m;

    /// <summary>Exit fee rate, applied to the (entry) notional.</summary>
    public decimal ExitFeeRate { get; init; } = 0.0003m;

    /// <summary>When the new position is entered on a reversal.</summary>
    public EntryRule EntryRule { get; init; } = EntryRule.Close;

    /// <summary>A position held this long or longer is closed (reason <c>24H_EXPIRY</c>).</summary>
    public TimeSpan MaxHold { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Returns this instance, or throws with a message naming the bad setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public TradingSettings Validate()
    {
        if (Notional <= 0)
        {
            throw new ArgumentException($"notional must be above 0 (got {Notional})");
        }

        if (EntryFeeRate is < 0 or >= 1 || ExitFeeRate is < 0 or >= 1)
        {
            throw new ArgumentException(
                $"fee rates must be in [0, 1) (got {EntryFeeRate} and {ExitFeeRate}); 0.0003 means 0.03 %"
            );
        }

        return MaxHold > TimeSpan.Zero
            ? this
            : throw new ArgumentException($"max hold must be above 0 (got {MaxHold})");
    }
}
