using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// Helpers for the hand-written API JSON: decimals as exact JSON numbers, times as ISO-8601 UTC
/// strings beside a <c>_ms</c> Unix-milliseconds field, snake_case names.
/// </summary>
internal static class ApiJson
{
    /// <summary>Scripts read this, not browsers: "+1.5" and "a &lt; b" stay as they are, not \u002B escapes.</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the UTF-8 bytes.</summary>
    public static byte[] Build<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"error": ..., "accepted": ...}</c>.</summary>
    public static byte[] Problem(ApiProblem problem) => Build(problem, static (w, p) =>
        {
            w.WriteStartObject();
            w.WriteString("error", p.Error);
            w.WriteString("accepted", p.Accepted);
            w.WriteNumber("status", p.Status);
            w.WriteEndObject();
        });

    /// <summary>
    /// <c>"name": "2025-11-21T12:00:00.000Z", "name_ms": 1763726400000</c>, both null when <paramref name="ms"/> is.
    /// </summary>
    public static void WriteTime(this Utf8JsonWriter writer, string name, long? ms)
    {
        if (ms is { } value)
        {
            writer.WriteString(name, Iso(value));
            writer.WriteNumber(name + "_ms", value);
        }
        else
        {
            writer.WriteNull(name);
            writer.WriteNull(name + "_ms");
        }
    }

    /// <summary>A local time as <see cref="WriteTime(Utf8JsonWriter, string, long?)"/>.</summary>
    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTimeOffset? time) =>
        writer.WriteTime(name, time?.ToUnixTimeMilliseconds());

    /// <summary>A decimal exactly as held (trailing zeros of the input kept), or null.</summary>
    public static void WriteDecimal(this Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>A string, or null.</summary>
    public static void WriteText(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>
    /// A ratio as a number, or the explicit strings <c>"infinity"</c> (nothing below it) and <c>"undefined"</c>
    /// (nothing at all); never 999.
    /// </summary>
    public static void WriteRatio(this Utf8JsonWriter writer, string name, decimal? ratio, bool infinite)
    {
        if (ratio is { } r)
        {
            writer.WriteNumber(name, r);
        }
        else
        {
            writer.WriteString(name, infinite ? "infinity" : "undefined");
        }
    }

    /// <summary>Milliseconds as seconds, exact: <c>45.5</c>.</summary>
    public static decimal Seconds(long ms) => ms / 1000m;

    /// <summary>BUY or SELL.</summary>
    public static string Side(Aggressor side) => side == Aggressor.Buy ? "BUY" : "SELL";

    /// <summary>ISO-8601 UTC with milliseconds.</summary>
    public static string Iso(long ms) =>
        DateTimeOffset
            .FromUnixTimeMilliseconds(ms)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An absorption zone.</summary>
    public static void WriteZone(this Utf8JsonWriter w, AbsorptionZone zone)
    {
        w.WriteStartObject();
        w.WriteNumber("price_low", zone.PriceLow);
        w.WriteNumber("price_high", zone.PriceHigh);
        w.WriteNumber("level", zone.Level);
        w.WriteString("absorbed_side", Side(zone.AbsorbedSide));
        w.WriteString("acts_as", zone.AbsorbedSide == Aggressor.Buy ? "resistance" : "support");
        w.WriteNumber("volume", zone.Volume);
        w.WriteNumber("notional", zone.Notional);
        w.WriteNumber("strength", zone.Strength);
        w.WriteTime("first_seen", zone.FirstSeenMs);
        w.WriteTime("last_seen", zone.LastSeenMs);
        w.WriteEndObject();
    }
}
