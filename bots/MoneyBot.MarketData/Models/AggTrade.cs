using System.Text.Json.Serialization;

namespace MoneyBot.MarketData.Models;

/// <summary>One row of <c>GET /api/v3/aggTrades</c> or <c>/fapi/v1/aggTrades</c>.</summary>
public sealed record AggTrade
{
    /// <summary>Aggregate trade id; consecutive per symbol.</summary>
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

    /// <summary>Trade time.</summary>
    [JsonPropertyName("T")]
    public required DateTimeOffset TradeTime { get; init; }

    /// <summary>True when the buyer was the maker, i.e. the seller was the aggressor.</summary>
    [JsonPropertyName("m")]
    public required bool BuyerIsMaker { get; init; }
}
