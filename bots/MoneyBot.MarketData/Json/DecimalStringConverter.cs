using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MoneyBot.MarketData.Json;

/// <summary>
/// Binance sends prices and quantities as decimal strings ("0.01633102"): read them exactly as
/// <see cref="decimal"/> with the invariant culture (a bare JSON number is accepted too); write strings.
/// </summary>
public sealed class DecimalStringConverter : JsonConverter<decimal>
{
    /// <inheritdoc/>
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadDecimal(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = stackalloc byte[64];
        writer.WriteStringValue(
            value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture)
                ? buffer[..written]
                : System.Text.Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture))
        );
    }

    /// <summary>
    /// Reads the current token (a decimal string or a number) as a decimal; throws <see cref="JsonException"/>
    /// otherwise.
    /// </summary>
    internal static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDecimal(out var number)
                ? number
                : throw new JsonException("number out of decimal range");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a decimal string, found {reader.TokenType}");
        }

        var parsed =
            reader.HasValueSequence || reader.ValueIsEscaped
                ? decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                : decimal.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        return parsed ? value : throw new JsonException("not a decimal string");
    }
}
