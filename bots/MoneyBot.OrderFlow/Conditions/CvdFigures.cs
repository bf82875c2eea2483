using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Conditions;

/// <summary>What <c>cvd_rising</c> and <c>cvd_falling</c> looked at.</summary>
/// <param name="Cvd">CVD now.</param>
/// <param name="Slope">Least-squares slope of the last 6 one-minute closes, quantity per minute; null while fewer than
/// 6 bars exist.</param>
/// <param name="Epsilon">Rising above it, falling below its negative.</param>
/// <param name="Trend">The slope against the epsilon.</param>
/// <param name="SlopeNeedsFromMs">The slope is exact only when the trades are complete from this time (the end of its
/// oldest bar).</param>
public sealed record CvdFigures(decimal Cvd, decimal? Slope, decimal Epsilon, CvdTrend Trend, long SlopeNeedsFromMs)
    : ConditionFigures;
