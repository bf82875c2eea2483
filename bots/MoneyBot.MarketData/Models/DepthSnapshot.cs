using System.Text.Json.Serialization;

namespace MoneyBot.MarketData.Models;

/// <summary>
/// The top of the book: a spot partial-depth message (<c>&lt;symbol&gt;@depth20@100ms</c>) or a
/// <c>GET /api/v3/depth</c> answer. Futures partial-depth messages (<c>b</c>/<c>a</c>/<c>u</c>) are read into the same
/// shape.
/// </summary>
public sealed record DepthSnapshot
{
    /// <summary>Id of the last book update included.</summary>
    [JsonPropertyName("lastUpdateId")]
    public required long LastUpdateId { get; init; }

    /// <summary>Bids, best (highest) first.</summary>
    [JsonPropertyName("bids")]
    public required IReadOnlyList<PriceLevel> Bids { get; init; }

    /// <summary>Asks, best (lowest) first.</summary>
    [JsonPropertyName("asks")]
    public required IReadOnlyList<PriceLevel> Asks { get; init; }
}
