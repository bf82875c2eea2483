using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Engine;

/// <summary>What one candle did. <see cref="Events"/> is reused: read it before the next candle.</summary>
/// <param name="Admission">Whether the candle was processed.</param>
/// <param name="Gap">The gap it made, if any.</param>
/// <param name="Events">Trades opened and closed on this candle, in order.</param>
public readonly record struct CandleOutcome(CandleAdmission Admission, Gap? Gap, IReadOnlyList<TradeEvent> Events);
