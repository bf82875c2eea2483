namespace MoneyBot.ExtGap.Detection;

/// <summary>Whether a candle is processed, and why not.</summary>
public enum CandleAdmission
{
    /// <summary>Processed.</summary>
    Accepted,

    /// <summary>Skipped: no aligned candle has arrived yet (the alignment gate).</summary>
    NotAligned,

    /// <summary>Ignored: its open time is not after the last processed candle's.</summary>
    Duplicate,
}
