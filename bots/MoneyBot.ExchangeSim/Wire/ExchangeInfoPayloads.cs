using System.Text.Json;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Wire;

/// <summary>
/// <c>exchangeInfo</c> of spot, USD-M and COIN-M futures, in Binance's field order. Every simulated symbol is
/// TRADING; its PRICE_FILTER tick and LOT_SIZE step are the grids of its <see cref="Instrument"/>, on which the tape
/// prints every price and quantity.
/// </summary>
internal static class ExchangeInfoPayloads
{
    /// <summary>Smallest order value in quote units (the NOTIONAL and MIN_NOTIONAL filters).</summary>
    public const decimal MinNotional = 5m;

    /// <summary>Highest price of the PRICE_FILTER.</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>Onboard date of the futures: the start of the tape, 2020-01-01T00:00Z.</summary>
    public const long OnboardDate = 1_577_836_800_000;

    /// <summary>Binance's delivery date of a perpetual contract (2100-12-25).</summary>
    public const long PerpetualDeliveryDate = 4_133_404_800_000;

    private const decimal MaxNotional = 1_000_000_000m;

    /// <summary>The largest quantity of LOT_SIZE: a billion quote units at the starting price, on the grid.</summary>
    public static decimal MaxQuantity(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Quantity((long)(MaxNotional / instrument.InitialPrice / instrument.StepSize));
    }

    /// <summary>Spot <c>/api/v3/exchangeInfo</c>.</summary>
    public static byte[] Spot(IReadOnlyList<Instrument> instruments, long serverTime, int weightLimit) =>
        JsonWriting.Build((instruments, serverTime, weightLimit), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("timezone", "UTC");
            w.WriteNumber("serverTime", s.serverTime);
            w.WriteStartArray("rateLimits");
            WriteRateLimit(w, "REQUEST_WEIGHT", "MINUTE", 1, s.weightLimit);
            WriteRateLimit(w, "ORDERS", "SECOND", 10, 100);
            WriteRateLimit(w, "ORDERS", "DAY", 1, 200_000);
            WriteRateLimit(w, "RAW_REQUESTS", "MINUTE", 5, 61_000);
            w.WriteEndArray();
            w.WriteStartArray("exchangeFilters");
            w.WriteEndArray();
            w.WriteStartArray("symbols");
            foreach (var instrument in s.instruments)
            {
                WriteSpotSymbol(w, instrument);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>USD-M futures <c>/fapi/v1/exchangeInfo</c>: every symbol a USD-margined PERPETUAL contract.</summary>
    public static byte[] UsdM(IReadOnlyList<Instrument> instruments, long serverTime, int weightLimit) =>
        JsonWriting.Build((instruments, serverTime, weightLimit), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("timezone", "UTC");
            w.WriteNumber("serverTime", s.serverTime);
            w.WriteString("futuresType", "U_MARGINED");
            WriteFuturesRateLimits(w, s.weightLimit);
            w.WriteStartArray("exchangeFilters");
            w.WriteEndArray();
            w.WriteStartArray("assets");
            foreach (var asset in s.instruments.Select(i => i.QuoteAsset).Distinct(StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("asset", asset);
                w.WriteBoolean("marginAvailable", true);
                w.WriteNumber("autoAssetExchange", 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("symbols");
            foreach (var instrument in s.instruments)
            {
                WriteFuturesSymbol(w, instrument);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>COIN-M futures <c>/dapi/v1/exchangeInfo</c>: a valid document without symbols.</summary>
    public static byte[] CoinM(long serverTime, int weightLimit) =>
        JsonWriting.Build((serverTime, weightLimit), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("timezone", "UTC");
            w.WriteNumber("serverTime", s.serverTime);
            WriteFuturesRateLimits(w, s.weightLimit);
            w.WriteStartArray("exchangeFilters");
            w.WriteEndArray();
            w.WriteStartArray("symbols");
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteSpotSymbol(Utf8JsonWriter w, Instrument i)
    {
        const int d = 8;
        w.WriteStartObject();
        w.WriteString("symbol", i.Symbol);
        w.WriteString("status", "TRADING");
        w.WriteString("baseAsset", i.BaseAsset);
        w.WriteNumber("baseAssetPrecision", d);
        w.WriteString("quoteAsset", i.QuoteAsset);
        w.WriteNumber("quotePrecision", d);
        w.WriteNumber("quoteAssetPrecision", d);
        w.WriteNumber("baseCommissionPrecision", d);
        w.WriteNumber("quoteCommissionPrecision", d);
        WriteStrings(
            w,
            "orderTypes",
            "LIMIT",
            "LIMIT_MAKER",
            "MARKET",
            "STOP_LOSS",
            "STOP_LOSS_LIMIT",
            "TAKE_PROFIT",
            "TAKE_PROFIT_LIMIT"
        );
        w.WriteBoolean("icebergAllowed", true);
        w.WriteBoolean("ocoAllowed", true);
        w.WriteBoolean("otoAllowed", true);
        w.WriteBoolean("quoteOrderQtyMarketAllowed", true);
        w.WriteBoolean("allowTrailingStop", true);
        w.WriteBoolean("cancelReplaceAllowed", true);
        w.WriteBoolean("isSpotTradingAllowed", true);
        w.WriteBoolean("isMarginTradingAllowed", false);
        w.WriteStartArray("filters");
        w.WriteStartObject();
        w.WriteString("filterType", "PRICE_FILTER");
        w.WriteFixed("minPrice", i.TickSize, d);
        w.WriteFixed("maxPrice", MaxPrice, d);
        w.WriteFixed("tickSize", i.TickSize, d);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "LOT_SIZE");
        w.WriteFixed("minQty", i.StepSize, d);
        w.WriteFixed("maxQty", MaxQuantity(i), d);
        w.WriteFixed("stepSize", i.StepSize, d);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "ICEBERG_PARTS");
        w.WriteNumber("limit", 10);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "MARKET_LOT_SIZE");
        w.WriteFixed("minQty", 0m, d);
        w.WriteFixed("maxQty", MaxQuantity(i), d);
        w.WriteFixed("stepSize", 0m, d);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "NOTIONAL");
        w.WriteFixed("minNotional", MinNotional, d);
        w.WriteBoolean("applyMinToMarket", true);
        w.WriteFixed("maxNotional", MaxNotional, d);
        w.WriteBoolean("applyMaxToMarket", false);
        w.WriteNumber("avgPriceMins", 5);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ORDERS");
        w.WriteNumber("maxNumOrders", 200);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ALGO_ORDERS");
        w.WriteNumber("maxNumAlgoOrders", 5);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("permissions");
        w.WriteEndArray();
        w.WriteStartArray("permissionSets");
        WriteStrings(w, null, "SPOT");
        w.WriteEndArray();
        w.WriteString("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
        WriteStrings(w, "allowedSelfTradePreventionModes", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH");
        w.WriteEndObject();
    }

    private static void WriteFuturesSymbol(Utf8JsonWriter w, Instrument i)
    {
        w.WriteStartObject();
        w.WriteString("symbol", i.Symbol);
        w.WriteString("pair", i.Symbol);
        w.WriteString("contractType", "PERPETUAL");
        w.WriteNumber("deliveryDate", PerpetualDeliveryDate);
        w.WriteNumber("onboardDate", OnboardDate);
        w.WriteString("status", "TRADING");
        w.WriteString("maintMarginPercent", "2.5000");
        w.WriteString("requiredMarginPercent", "5.0000");
        w.WriteString("baseAsset", i.BaseAsset);
        w.WriteString("quoteAsset", i.QuoteAsset);
        w.WriteString("marginAsset", i.QuoteAsset);
        w.WriteNumber("pricePrecision", i.PriceDecimals);
        w.WriteNumber("quantityPrecision", i.QuantityDecimals);
        w.WriteNumber("baseAssetPrecision", 8);
        w.WriteNumber("quotePrecision", 8);
        w.WriteString("underlyingType", "COIN");
        w.WriteStartArray("underlyingSubType");
        w.WriteEndArray();
        w.WriteNumber("settlePlan", 0);
        w.WriteString("triggerProtect", "0.0500");
        w.WriteString("liquidationFee", "0.012500");
        w.WriteString("marketTakeBound", "0.05");
        w.WriteNumber("maxMoveOrderLimit", 10_000);
        w.WriteStartArray("filters");
        w.WriteStartObject();
        w.WriteString("filterType", "PRICE_FILTER");
        w.WritePlain("maxPrice", MaxPrice);
        w.WritePlain("minPrice", i.TickSize);
        w.WritePlain("tickSize", i.TickSize);
        w.WriteEndObject();
        foreach (var lot in (string[])["LOT_SIZE", "MARKET_LOT_SIZE"])
        {
            w.WriteStartObject();
            w.WriteString("filterType", lot);
            w.WritePlain("maxQty", MaxQuantity(i));
            w.WritePlain("minQty", i.StepSize);
            w.WritePlain("stepSize", i.StepSize);
            w.WriteEndObject();
        }

        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ORDERS");
        w.WriteNumber("limit", 200);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ALGO_ORDERS");
        w.WriteNumber("limit", 10);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "MIN_NOTIONAL");
        w.WritePlain("notional", MinNotional);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "PERCENT_PRICE");
        w.WriteString("multiplierUp", "1.0500");
        w.WriteString("multiplierDown", "0.9500");
        w.WriteString("multiplierDecimal", "4");
        w.WriteEndObject();
        w.WriteEndArray();
        WriteStrings(
            w,
            "orderTypes",
            "LIMIT",
            "MARKET",
            "STOP",
            "STOP_MARKET",
            "TAKE_PROFIT",
            "TAKE_PROFIT_MARKET",
            "TRAILING_STOP_MARKET"
        );
        WriteStrings(w, "timeInForce", "GTC", "IOC", "FOK", "GTX", "GTD");
        w.WriteEndObject();
    }

    private static void WriteFuturesRateLimits(Utf8JsonWriter w, int weightLimit)
    {
        w.WriteStartArray("rateLimits");
        WriteRateLimit(w, "REQUEST_WEIGHT", "MINUTE", 1, weightLimit);
        WriteRateLimit(w, "ORDERS", "MINUTE", 1, 1200);
        WriteRateLimit(w, "ORDERS", "SECOND", 10, 300);
        w.WriteEndArray();
    }

    private static void WriteRateLimit(Utf8JsonWriter w, string type, string interval, int number, int limit)
    {
        w.WriteStartObject();
        w.WriteString("rateLimitType", type);
        w.WriteString("interval", interval);
        w.WriteNumber("intervalNum", number);
        w.WriteNumber("limit", limit);
        w.WriteEndObject();
    }

    /// <summary>An array of strings, as a property when <paramref name="name"/> is given, else as a value.</summary>
    private static void WriteStrings(Utf8JsonWriter w, string? name, params string[] values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
