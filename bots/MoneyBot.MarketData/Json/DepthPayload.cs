using System.Text.Json.Serialization;
using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Json;

/// <summary>
/// A partial-depth message in either market's form: spot sends <c>lastUpdateId/bids/asks</c>,
/// USD-M futures sends a <c>depthUpdate</c> event with <c>E/s/u/b/a</c>.
/// </summary>
internal sealed record DepthPayload
{
    [JsonPropertyName("lastUpdateId")]
    public long? LastUpdateId { get; init; }

    [JsonPropertyName("bids")]
    public IReadOnlyList<PriceLevel>? Bids { get; init; }

    [JsonPropertyName("asks")]
    public IReadOnlyList<PriceLevel>? Asks { get; init; }

    [JsonPropertyName("E")]
    public DateTimeOffset? EventTime { get; init; }

    [JsonPropertyName("s")]
    public string? Symbol { get; init; }

    [JsonPropertyName("u")]
    public long? FinalUpdateId { get; init; }

    [JsonPropertyName("b")]
    public IReadOnlyList<PriceLevel>? BidUpdates { get; init; }

    [JsonPropertyName("a")]
    public IReadOnlyList<PriceLevel>? AskUpdates { get; init; }

    /// <summary>The book in the common shape, or null when the message has neither form.</summary>
    public DepthSnapshot? ToSnapshot() =>
        (LastUpdateId ?? FinalUpdateId, Bids ?? BidUpdates, Asks ?? AskUpdates) is (long id, { } bids, { } asks)
            ? new DepthSnapshot
            {
                LastUpdateId = id,
                Bids = bids,
                Asks = asks,
            }
            : null;
}
