using System.Text.Json.Serialization;

namespace MoneyBot.MarketData.Models;

/// <summary>A message of the <c>&lt;symbol&gt;@aggTrade</c> stream.</summary>
public sealed record AggTradeEvent
{
    /// <summary>Event type, "aggTrade".</summary>
    [JsonPropertyName("e")]
    public required string EventType { get; init; }

    /// <summary>When the exchange emitted the event.</summary>
    [JsonPropertyName("E")]
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>Symbol, upper case.</summary>
    [JsonPropertyName("s")]
    public required string Symbol { get; init; }

    /// <summary>Aggregate trade id; consecutive per symbol, so a jump means missed trades.</summary>
    [JsonPropertyName("a")]
    public required long AggregateTradeId { get; init; }

    /// <summary>Price.</summary>
    [JsonPropertyName("p")]
    public required decimal Price { get; init; }

    /// <summary>Quantity (base asset).</summary>
    [JsonPropertyName("q")]
    public required decimal Quantity { get; init; }

    /// <summary>First trade id aggregated.</summary>
    [JsonPropertyName("f")]
    public long FirstTradeId { get; init; }

    /// <summary>Last trade id aggregated.</summary>
    [JsonPropertyName("l")]
    public long LastTradeId { get; init; }

    /// <summary>Trade time (the exchange's clock).</summary>
    [JsonPropertyName("T")]
    public required DateTimeOffset TradeTime { get; init; }

    /// <summary>True when the buyer was the maker, i.e. the seller was the aggressor.</summary>
    [JsonPropertyName("m")]
    public required bool BuyerIsMaker { get; init; }
}
