namespace MoneyBot.ExtGap.Detection;

/// <summary>Everything the <see cref="GapDetector"/> needs to resume exactly where it stopped.</summary>
/// <param name="Aligned">True once an aligned candle has passed the alignment gate.</param>
/// <param name="LastOpenTime">Open time of the last processed candle (older or equal ones are duplicates).</param>
/// <param name="Group">The group, oldest first.</param>
/// <param name="Initialized">True after the first gap.</param>
/// <param name="Bear">The bear candidate (highest low); set once initialized.</param>
/// <param name="Bull">The bull candidate (lowest high); set once initialized.</param>
/// <param name="LastGap">The last gap; set once initialized.</param>
/// <param name="Sequence">Consecutive gaps of the current polarity.</param>
/// <param name="PreviousSequence">The sequence the last reversal ended.</param>
public sealed record GapDetectorState(
    bool Aligned,
    DateTimeOffset? LastOpenTime,
    IReadOnlyList<GroupBar> Group,
    bool Initialized,
    Candidate? Bear,
    Candidate? Bull,
    Gap? LastGap,
    int Sequence,
    int PreviousSequence
);
