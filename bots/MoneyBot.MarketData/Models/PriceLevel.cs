using System.Text.Json.Serialization;
using MoneyBot.MarketData.Json;

namespace MoneyBot.MarketData.Models;

/// <summary>One order-book level; on the wire a <c>["price", "quantity"]</c> pair of decimal strings.</summary>
/// <param name="Price">Price of the level.</param>
/// <param name="Quantity">Quantity resting at that price.</param>
[JsonConverter(typeof(PriceLevelConverter))]
public readonly record struct PriceLevel(decimal Price, decimal Quantity);
