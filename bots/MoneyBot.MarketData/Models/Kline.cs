using System.Text.Json.Serialization;

namespace MoneyBot.MarketData.Models;

/// <summary>
/// One candle. From a stream it is the <c>k</c> object of a kline event (one-letter keys); from REST
/// it is one row of <c>GET /api/v3/klines</c> or <c>/fapi/v1/klines</c>, read by <see cref="Rest.GetKlinesRequest"/>.
/// </summary>
public sealed record Kline
{
    /// <summary>Symbol, upper case ("BTCUSDT").</summary>
    [JsonPropertyName("s")]
    public required string Symbol { get; init; }

    /// <summary>Interval name ("3m").</summary>
    [JsonPropertyName("i")]
    public required string Interval { get; init; }

    /// <summary>Open time (the kline's identity).</summary>
    [JsonPropertyName("t")]
    public required DateTimeOffset OpenTime { get; init; }

    /// <summary>Close time: open time + interval - 1 ms.</summary>
    [JsonPropertyName("T")]
    public required DateTimeOffset CloseTime { get; init; }

    /// <summary>Open price.</summary>
    [JsonPropertyName("o")]
    public required decimal Open { get; init; }

    /// <summary>High price.</summary>
    [JsonPropertyName("h")]
    public required decimal High { get; init; }

    /// <summary>Low price.</summary>
    [JsonPropertyName("l")]
    public required decimal Low { get; init; }

    /// <summary>Close price (the last price while the kline is open).</summary>
    [JsonPropertyName("c")]
    public required decimal Close { get; init; }

    /// <summary>Base-asset volume.</summary>
    [JsonPropertyName("v")]
    public decimal Volume { get; init; }

    /// <summary>Quote-asset volume.</summary>
    [JsonPropertyName("q")]
    public decimal QuoteVolume { get; init; }

    /// <summary>Number of trades.</summary>
    [JsonPropertyName("n")]
    public long TradeCount { get; init; }

    /// <summary>Taker-buy base-asset volume.</summary>
    [JsonPropertyName("V")]
    public decimal TakerBuyBaseVolume { get; init; }

    /// <summary>Taker-buy quote-asset volume.</summary>
    [JsonPropertyName("Q")]
    public decimal TakerBuyQuoteVolume { get; init; }

    /// <summary>First trade id (streams only).</summary>
    [JsonPropertyName("f")]
    public long? FirstTradeId { get; init; }

    /// <summary>Last trade id (streams only).</summary>
    [JsonPropertyName("L")]
    public long? LastTradeId { get; init; }

    /// <summary>
    /// True when the kline is final. Streams say so (<c>x</c>); a REST row is known closed when a later
    /// row follows it in the answer (no local clock is trusted for that).
    /// </summary>
    [JsonPropertyName("x")]
    public required bool IsClosed { get; init; }
}
