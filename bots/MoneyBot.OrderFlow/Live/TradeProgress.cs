namespace MoneyBot.OrderFlow.Live;

/// <summary>A trade was applied to the metrics (raised by <see cref="OrderFlowBot.TradeApplied"/>).</summary>
/// <param name="Symbol">Its symbol.</param>
/// <param name="TradeId">Its aggregate trade id.</param>
/// <param name="Source">Where it came from.</param>
public sealed record TradeProgress(string Symbol, long TradeId, TradeSource Source);
