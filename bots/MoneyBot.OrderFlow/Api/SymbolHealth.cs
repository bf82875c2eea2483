using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>One symbol's part of the status, read under its lock.</summary>
/// <param name="Feed">How its trades arrive.</param>
/// <param name="Window">The status window (300 s).</param>
/// <param name="TradesInWindow">Trades in (now - window, now].</param>
/// <param name="Counters">Trades, duplicates, gaps, missed trades, zones.</param>
/// <param name="ZonesActive">Absorption zones active now.</param>
/// <param name="Retention">How much history the bot keeps.</param>
internal sealed record SymbolHealth(
    SymbolFeedStatus Feed,
    TimeSpan Window,
    long TradesInWindow,
    FlowCounters Counters,
    int ZonesActive,
    TimeSpan Retention
)
{
    /// <summary>The window whose trade count the status reports.</summary>
    public static TimeSpan StatusWindow { get; } = TimeSpan.FromSeconds(300);

    /// <summary>Reads it from the metrics (call under the symbol's lock).</summary>
    public static SymbolHealth Read(SymbolFlow flow, SymbolFeedStatus status) =>
        new(
            status,
            StatusWindow,
            flow.NewestTradeMs is null ? 0 : flow.Window(StatusWindow, status.NowMs).Trades,
            flow.Counters,
            flow.NewestTradeMs is null ? 0 : flow.Zones(status.NowMs).Count,
            flow.Settings.Retention
        );

    /// <summary>
    /// History held without a hole up to now, in ms (at most the retention); 0 before the first trade.
    /// </summary>
    public long CoveredMs =>
        Feed.CoveredFromMs is { } from ? Math.Clamp(Feed.NowMs - from, 0, (long)Retention.TotalMilliseconds) : 0;
}
