using MoneyBot.ExtGap.Detection;

namespace MoneyBot.ExtGap.Live;

/// <summary>What the live bot has done since it started.</summary>
/// <param name="Candles">Closed candles processed in this run.</param>
/// <param name="FirstCandle">The first of them.</param>
/// <param name="LastCandle">The last of them.</param>
/// <param name="Gaps">Gaps detected in this run.</param>
/// <param name="Trades">Positions closed in this run.</param>
public sealed record LiveProgress(long Candles, Candle? FirstCandle, Candle? LastCandle, int Gaps, int Trades)
{
    /// <summary>Nothing yet.</summary>
    public static LiveProgress None { get; } = new(0, null, null, 0, 0);
}
