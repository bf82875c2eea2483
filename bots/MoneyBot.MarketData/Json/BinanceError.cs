using System.Text.Json.Serialization;

namespace MoneyBot.MarketData.Json;

/// <summary>Binance's error body: <c>{"code": -1121, "msg": "Invalid symbol."}</c>.</summary>
internal sealed record BinanceError
{
    [JsonPropertyName("code")]
    public int? Code { get; init; }

    [JsonPropertyName("msg")]
    public string? Message { get; init; }
}
