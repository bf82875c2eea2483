namespace MoneyBot.ExtGap.Notifications;

/// <summary>
/// The wording of the Telegram messages in one language: HTML composite-format templates whose
/// <c>{0}</c>, <c>{1}</c>... receive already-escaped values. <see cref="English"/> and <see cref="French"/>.
/// </summary>
public sealed partial record MessageTexts
{
    /// <summary>The texts for a language.</summary>
    public static MessageTexts For(MessageLanguage language) => language == MessageLanguage.French ? French : English;

    // One template per message line; MessageTexts.English.cs shows what each says.
    public required string DecimalSeparator { get; init; }
    public required string PercentSuffix { get; init; }
    public required string Bullish { get; init; }
    public required string Bearish { get; init; }
    public required string BullishTrend { get; init; }
    public required string BearishTrend { get; init; }
    public required string StartupTitle { get; init; }
    public required string StartupSize { get; init; }
    public required string StartupEntry { get; init; }
    public required string EntryAtClose { get; init; }
    public required string EntryAtNextOpen { get; init; }
    public required string ResumedPosition { get; init; }
    public required string ResumedFlat { get; init; }
    public required string FirstGapTitle { get; init; }
    public required string GapAtLevel { get; init; }
    public required string OpeningBar { get; init; }
    public required string Detected { get; init; }
    public required string FirstGapNoTrade { get; init; }
    public required string GapTitle { get; init; }
    public required string Level { get; init; }
    public required string SameDirection { get; init; }
    public required string ReversalTitle { get; init; }
    public required string ClosedLine { get; init; }
    public required string GrossAndFees { get; init; }
    public required string Net { get; init; }
    public required string Totals { get; init; }
    public required string NothingToClose { get; init; }
    public required string OpenedTitle { get; init; }
    public required string EntryLine { get; init; }
    public required string TimeLine { get; init; }
    public required string ExpiryTitle { get; init; }
    public required string ExpiryHeld { get; init; }
    public required string ExpiryNet { get; init; }
    public required string ExpiryFlat { get; init; }
    public required string StatsTitle { get; init; }
    public required string StatsTrades { get; init; }
    public required string StatsPnl { get; init; }
    public required string StatsPosition { get; init; }
    public required string StatsNoPosition { get; init; }
    public required string StatsTrend { get; init; }
    public required string StatsNoTrend { get; init; }
    public required string StatsSince { get; init; }
    public required string StopTitle { get; init; }
    public required string StopReason { get; init; }
    public required string StopTotals { get; init; }
    public required string StopSaved { get; init; }
}
