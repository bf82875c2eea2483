using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace MoneyBot.ExchangeSim.Wire;

/// <summary>Helpers for the hand-written wire JSON (one-letter keys, decimals as fixed-point strings).</summary>
internal static class JsonWriting
{
    private static readonly string[] FixedFormats =
    [
        .. Enumerable.Range(0, 29).Select(i => "F" + i.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the UTF-8 bytes.</summary>
    public static byte[] Build<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes a decimal as a string with exactly <paramref name="decimals"/> decimals, e.g. <c>"0.01000000"</c>.
    /// </summary>
    public static void WriteFixed(this Utf8JsonWriter writer, decimal value, int decimals)
    {
        Span<char> text = stackalloc char[64];
        var rounded = Math.Round(value, decimals, MidpointRounding.ToEven);
        if (!rounded.TryFormat(text, out var length, FixedFormats[decimals], CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(rounded.ToString(FixedFormats[decimals], CultureInfo.InvariantCulture));
            return;
        }

        writer.WriteStringValue(text[..length]);
    }

    /// <summary>Writes a property whose value is a fixed-point decimal string.</summary>
    public static void WriteFixed(this Utf8JsonWriter writer, string name, decimal value, int decimals)
    {
        writer.WritePropertyName(name);
        writer.WriteFixed(value, decimals);
    }

    /// <summary>
    /// Writes a property whose value is a decimal string without trailing zeros, e.g. <c>"0.01"</c>, <c>"1000000"</c>.
    /// </summary>
    public static void WritePlain(this Utf8JsonWriter writer, string name, decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        writer.WriteString(name, text);
    }
}
