using System.Text.Json;
using System.Text.Json.Serialization;

namespace MoneyBot.MarketData.Json;

/// <summary>
/// Binance times are Unix epoch milliseconds (JSON numbers): read and write them as <see cref="DateTimeOffset"/> (UTC).
/// </summary>
public sealed class UnixMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadTime(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// Reads the current token (epoch milliseconds) as a time; throws <see cref="JsonException"/> otherwise.
    /// </summary>
    internal static DateTimeOffset ReadTime(ref Utf8JsonReader reader)
    {
        if (
            reader.TokenType != JsonTokenType.Number
            || !reader.TryGetInt64(out var ms)
            || ms < -62135596800000L
            || ms > 253402300799999L
        )
        {
            throw new JsonException($"expected epoch milliseconds, found {reader.TokenType}");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}
