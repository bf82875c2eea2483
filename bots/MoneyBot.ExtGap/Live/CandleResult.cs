using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Live;

/// <summary>What one closed candle did in the live bot (a copy: safe to keep).</summary>
/// <param name="Candle">The candle.</param>
/// <param name="Admission">Whether it was processed.</param>
/// <param name="Gap">The gap it made, if any.</param>
/// <param name="Events">Trades opened and closed on it, in order.</param>
public sealed record CandleResult(Candle Candle, CandleAdmission Admission, Gap? Gap, IReadOnlyList<TradeEvent> Events);
