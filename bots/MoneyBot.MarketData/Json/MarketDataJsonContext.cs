using System.Text.Json.Serialization;
using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Json;

/// <summary>
/// Source-generated JSON for Binance's market data: one-letter keys matched case-sensitively
/// ("t" is not "T"), decimals from strings, times from epoch milliseconds, unknown fields ignored,
/// missing required fields rejected.
/// </summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(DecimalStringConverter), typeof(UnixMillisecondsConverter)],
    RespectNullableAnnotations = true
)]
[JsonSerializable(typeof(KlineEvent))]
[JsonSerializable(typeof(AggTradeEvent))]
[JsonSerializable(typeof(IReadOnlyList<AggTrade>))]
[JsonSerializable(typeof(DepthSnapshot))]
[JsonSerializable(typeof(DepthPayload))]
[JsonSerializable(typeof(BinanceError))]
internal sealed partial class MarketDataJsonContext : JsonSerializerContext { }
