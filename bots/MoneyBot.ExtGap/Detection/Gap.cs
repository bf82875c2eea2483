namespace MoneyBot.ExtGap.Detection;

/// <summary>A detected external gap (one CSV row of the gaps file).</summary>
/// <param name="Polarity">Bullish or bearish.</param>
/// <param name="Level">The broken candidate's value.</param>
/// <param name="OpeningBarTime">Open time of the bar that holds the level.</param>
/// <param name="DetectionBarTime">Close time of the candle that broke the level.</param>
/// <param name="IsFirstGap">True for the first gap after a fresh start.</param>
/// <param name="IsReversal">True when the polarity differs from the previous gap's.</param>
/// <param name="Sequence">Consecutive gaps of this polarity, this one included.</param>
/// <param name="GroupSizeBeforeCleanup">Bars in the group when the gap was found, before trimming.</param>
public readonly record struct Gap(
    GapPolarity Polarity,
    decimal Level,
    DateTimeOffset OpeningBarTime,
    DateTimeOffset DetectionBarTime,
    bool IsFirstGap,
    bool IsReversal,
    int Sequence,
    int GroupSizeBeforeCleanup
);
