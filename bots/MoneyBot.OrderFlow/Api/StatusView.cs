using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>Everything <c>/status</c> and the Prometheus exposition report, gathered once per request.</summary>
/// <param name="ProcessId">This process.</param>
/// <param name="StartedAt">When the bot started.</param>
/// <param name="Now">Local time of the request.</param>
/// <param name="StaleAfter">No trade for this long: stale.</param>
/// <param name="Retention">Trades kept.</param>
/// <param name="Streams">The websocket connections.</param>
/// <param name="Symbols">Each symbol's feed and counters.</param>
internal sealed record StatusView(
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset Now,
    TimeSpan StaleAfter,
    TimeSpan Retention,
    IReadOnlyList<StreamReport> Streams,
    IReadOnlyList<SymbolHealth> Symbols
);
