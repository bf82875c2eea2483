using System.Text.Json;
using System.Text.Json.Serialization;
using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Json;

/// <summary>Reads and writes a <see cref="PriceLevel"/> as Binance's <c>["price", "quantity"]</c> pair.</summary>
public sealed class PriceLevelConverter : JsonConverter<PriceLevel>
{
    /// <inheritdoc/>
    public override PriceLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("a price level must be a [price, quantity] array");
        }

        reader.Read();
        var price = DecimalStringConverter.ReadDecimal(ref reader);
        reader.Read();
        var quantity = DecimalStringConverter.ReadDecimal(ref reader);
        reader.Read();
        return reader.TokenType == JsonTokenType.EndArray
            ? new PriceLevel(price, quantity)
            : throw new JsonException("a price level must have exactly two elements");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, PriceLevel value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var decimals = new DecimalStringConverter();
        writer.WriteStartArray();
        decimals.Write(writer, value.Price, options);
        decimals.Write(writer, value.Quantity, options);
        writer.WriteEndArray();
    }
}
