namespace MoneyBot.OrderFlow.Live;

/// <summary>How a trade reached the bot.</summary>
public enum TradeSource : byte
{
    /// <summary>The websocket stream.</summary>
    Stream,

    /// <summary>The REST warm-up at start.</summary>
    Warmup,

    /// <summary>A REST backfill of an id hole.</summary>
    Backfill,
}
