using System.Text.Json.Serialization;

namespace MoneyBot.MarketData.Models;

/// <summary>
/// A message of the <c>&lt;symbol&gt;@kline_&lt;interval&gt;</c> stream: the current kline, pushed while it forms and
/// once closed.
/// </summary>
public sealed record KlineEvent
{
    /// <summary>Event type, "kline".</summary>
    [JsonPropertyName("e")]
    public required string EventType { get; init; }

    /// <summary>When the exchange emitted the event.</summary>
    [JsonPropertyName("E")]
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>Symbol, upper case.</summary>
    [JsonPropertyName("s")]
    public required string Symbol { get; init; }

    /// <summary>The kline.</summary>
    [JsonPropertyName("k")]
    public required Kline Kline { get; init; }
}
