using System.Buffers;
using System.Text.Json;
using MoneyBot.OrderFlow.Api;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Replay;

/// <summary>
/// One JSON object per line with the metrics of one symbol at its newest trade time (spec section 6):
/// <c>t</c>, <c>symbol</c>, <c>delta_30s</c>, <c>delta_60s</c>, <c>delta_300s</c>, <c>cvd</c>,
/// <c>cvd_slope</c>, <c>buy_qty_300s</c>, <c>sell_qty_300s</c>, <c>pressure_30s</c>, <c>whales_300s</c>,
/// <c>zones</c>, and a few more. Quantities are JSON numbers exact to the input's decimals; the pressure
/// is a number, or the string "infinity" (no sells) or "undefined" (no trades), never a stand-in like 999.
/// </summary>
internal sealed class MetricsLineWriter(Stream output)
{
    private static readonly TimeSpan Seconds30 = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Seconds60 = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Seconds300 = TimeSpan.FromSeconds(300);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private Utf8JsonWriter? _json;

    /// <summary>Lines written.</summary>
    public long Written { get; private set; }

    /// <summary>Writes the line of <paramref name="flow"/> at its newest trade time.</summary>
    public void Write(SymbolFlow flow)
    {
        var t = flow.NowMs;
        _buffer.ResetWrittenCount();
        _json ??= new Utf8JsonWriter(_buffer);
        _json.Reset(_buffer);
        var w300 = flow.Window(Seconds300, t);
        var slope = flow.CvdSlope(t);
        var pressure = flow.Pressure(t);
        _json.WriteStartObject();
        _json.WriteNumber("t"u8, t);
        _json.WriteString("time"u8, ApiJson.Iso(t));
        _json.WriteString("symbol"u8, flow.Symbol);
        _json.WriteNumber("delta_30s"u8, flow.Window(Seconds30, t).Delta);
        _json.WriteNumber("delta_60s"u8, flow.Window(Seconds60, t).Delta);
        _json.WriteNumber("delta_300s"u8, w300.Delta);
        _json.WriteNumber("delta_quote_300s"u8, w300.DeltaQuote);
        _json.WriteNumber("cvd"u8, flow.Cvd(t));
        if (slope is { } s)
        {
            _json.WriteNumber("cvd_slope"u8, decimal.Round(s, 8));
        }
        else
        {
            _json.WriteNull("cvd_slope"u8);
        }

        _json.WriteString("cvd_trend"u8, flow.Trend(slope).ToString().ToLowerInvariant());
        _json.WriteNumber("buy_qty_300s"u8, w300.BuyQuantity);
        _json.WriteNumber("sell_qty_300s"u8, w300.SellQuantity);
        _json.WriteNumber("trades_300s"u8, w300.Trades);
        _json.WriteRatio("pressure_30s", pressure.Ratio, pressure.Kind == PressureKind.Infinite);
        _json.WriteString("dominant_30s"u8, pressure.Dominant.ToString().ToUpperInvariant());
        _json.WriteStartObject("whales_300s"u8);
        _json.WriteNumber("small"u8, w300.Small);
        _json.WriteNumber("medium"u8, w300.Medium);
        _json.WriteNumber("large"u8, w300.Large);
        _json.WriteNumber("whale"u8, w300.Whale);
        _json.WriteEndObject();
        _json.WriteStartArray("zones"u8);
        foreach (var zone in flow.Zones(t))
        {
            WriteZone(_json, zone);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
        output.Write(_buffer.WrittenSpan);
        Written++;
    }

    private static void WriteZone(Utf8JsonWriter json, AbsorptionZone zone)
    {
        json.WriteStartObject();
        json.WriteNumber("price_low"u8, zone.PriceLow);
        json.WriteNumber("price_high"u8, zone.PriceHigh);
        json.WriteString("absorbed"u8, ApiJson.Side(zone.AbsorbedSide));
        json.WriteNumber("volume"u8, zone.Volume);
        json.WriteNumber("notional"u8, zone.Notional);
        json.WriteNumber("first_seen"u8, zone.FirstSeenMs);
        json.WriteNumber("last_seen"u8, zone.LastSeenMs);
        json.WriteNumber("strength"u8, zone.Strength);
        json.WriteEndObject();
    }
}
