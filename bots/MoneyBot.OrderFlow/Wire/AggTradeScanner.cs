using System.Buffers.Text;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Wire;

/// <summary>
/// The fast path of <see cref="AggTradeReader"/>: a strict scanner for the one shape Binance sends,
/// a flat object of plain strings, numbers and booleans (<c>{"e":"aggTrade",...}</c>), raw or wrapped
/// as <c>{"stream":"...","data":{...}}</c>. It accepts only well-formed JSON, and gives up (the caller then
/// uses the full reader, which classifies or explains) at anything else: escapes, nesting, another
/// event type, a missing field. Several times faster than a general reader on this hot path.
/// </summary>
internal static class AggTradeScanner
{
    /// <summary>Reads an aggTrade; false when the message is anything else or not in the plain shape.</summary>
    public static bool TryScan(ReadOnlySpan<byte> json, out Trade trade, out ReadOnlySpan<byte> symbol)
    {
        trade = default;
        symbol = default;
        var i = 0;
        if (!Expect(json, ref i, (byte)'{'))
        {
            return false;
        }

        // Wrapped: {"stream":"<name>","data":{...}} with the keys in Binance's order.
        var start = i;
        if (ReadKey(json, ref i, out var key) && key.SequenceEqual("stream"u8))
        {
            if (
                !ReadString(json, ref i, out var stream)
                || !stream.EndsWith("@aggTrade"u8)
                || !Expect(json, ref i, (byte)',')
                || !ReadKey(json, ref i, out key)
                || !key.SequenceEqual("data"u8)
                || !Expect(json, ref i, (byte)'{')
                || !ScanObject(json, ref i, out trade, out symbol)
            )
            {
                return false;
            }

            return Expect(json, ref i, (byte)'}') && AtEnd(json, i);
        }

        i = start;
        return ScanObject(json, ref i, out trade, out symbol) && AtEnd(json, i);
    }

    /// <summary>The members of an aggTrade object after its '{', through its '}'.</summary>
    private static bool ScanObject(
        ReadOnlySpan<byte> json,
        scoped ref int i,
        out Trade trade,
        out ReadOnlySpan<byte> symbol
    )
    {
        trade = default;
        symbol = default;
        long id = -1,
            time = -1;
        decimal price = -1,
            quantity = -1;
        int maker = -1;
        var isTrade = false;
        while (true)
        {
            if (!ReadKey(json, ref i, out var key))
            {
                return false;
            }

            var name = key.Length == 1 ? key[0] : (byte)0;
            switch (name)
            {
                case (byte)'e':
                    if (!ReadString(json, ref i, out var type) || !type.SequenceEqual("aggTrade"u8))
                    {
                        return false;
                    }

                    isTrade = true;
                    break;
                case (byte)'s':
                    if (!ReadString(json, ref i, out symbol))
                    {
                        return false;
                    }

                    break;
                case (byte)'a':
                    if (!ReadWhole(json, ref i, out id))
                    {
                        return false;
                    }

                    break;
                case (byte)'T':
                    if (!ReadWhole(json, ref i, out time))
                    {
                        return false;
                    }

                    break;
                case (byte)'p':
                    if (!ReadString(json, ref i, out var p) || !TryDecimal(p, out price))
                    {
                        return false;
                    }

                    break;
                case (byte)'q':
                    if (!ReadString(json, ref i, out var q) || !TryDecimal(q, out quantity))
                    {
                        return false;
                    }

                    break;
                case (byte)'m':
                    if (!ReadBoolean(json, ref i, out var m))
                    {
                        return false;
                    }

                    maker = m ? 1 : 0;
                    break;
                default:
                    if (!SkipValue(json, ref i))
                    {
                        return false;
                    }

                    break;
            }

            SkipSpace(json, ref i);
            if (i >= json.Length)
            {
                return false;
            }

            if (json[i] == (byte)'}')
            {
                i++;
                break;
            }

            if (json[i++] != (byte)',')
            {
                return false;
            }
        }

        if (!isTrade || symbol.IsEmpty || id < 0 || time < 0 || price <= 0 || quantity < 0 || maker < 0)
        {
            return false; // the full reader says what is wrong
        }

        trade = new Trade(id, time, price, quantity, Trade.AggressorOf(maker == 1));
        return true;
    }

    /// <summary>A key and its colon; Binance's one-letter keys without spaces take a shortcut.</summary>
    private static bool ReadKey(ReadOnlySpan<byte> json, scoped ref int i, out ReadOnlySpan<byte> key)
    {
        if (
            i + 3 < json.Length
            && json[i] == (byte)'"'
            && json[i + 2] == (byte)'"'
            && json[i + 3] == (byte)':'
            && json[i + 1] >= 0x20
            && json[i + 1] != (byte)'\\'
        )
        {
            key = json.Slice(i + 1, 1);
            i += 4;
            return true;
        }

        return ReadString(json, ref i, out key) && Expect(json, ref i, (byte)':');
    }

    /// <summary>A string without escapes or control characters; the span excludes the quotes.</summary>
    private static bool ReadString(ReadOnlySpan<byte> json, scoped ref int i, out ReadOnlySpan<byte> value)
    {
        value = default;
        SkipSpace(json, ref i);
        if (i >= json.Length || json[i] != (byte)'"')
        {
            return false;
        }

        // Values are short (a symbol, a price): a plain loop beats the vectorised searches here.
        for (var end = i + 1; end < json.Length; end++)
        {
            var c = json[end];
            if (c == (byte)'"')
            {
                value = json[(i + 1)..end];
                i = end + 1;
                return true;
            }

            if (c == (byte)'\\' || c < 0x20)
            {
                return false; // an escape or a control character: the full reader's business
            }
        }

        return false;
    }

    /// <summary>A non-negative integer without sign, fraction or exponent, that fits a long.</summary>
    private static bool ReadWhole(ReadOnlySpan<byte> json, scoped ref int i, out long value)
    {
        value = 0;
        SkipSpace(json, ref i);
        var start = i;
        while (i < json.Length && (uint)(json[i] - '0') <= 9)
        {
            if (i - start == 18)
            {
                return false;
            }

            value = (value * 10) + (json[i++] - '0');
        }

        var digits = i - start;
        return digits > 0
            && (digits == 1 || json[start] != (byte)'0')
            && (i >= json.Length || json[i] is not ((byte)'.' or (byte)'e' or (byte)'E'));
    }

    private static bool ReadBoolean(ReadOnlySpan<byte> json, scoped ref int i, out bool value)
    {
        SkipSpace(json, ref i);
        var rest = json[i..];
        value = rest.StartsWith("true"u8);
        if (value || rest.StartsWith("false"u8))
        {
            i += value ? 4 : 5;
            return true;
        }

        return false;
    }

    /// <summary>Skips a string, a number, true, false or null; anything nested gives up.</summary>
    private static bool SkipValue(ReadOnlySpan<byte> json, scoped ref int i)
    {
        SkipSpace(json, ref i);
        if (i >= json.Length)
        {
            return false;
        }

        switch (json[i])
        {
            case (byte)'"':
                return ReadString(json, ref i, out _);
            case (byte)'t':
            case (byte)'f':
                return ReadBoolean(json, ref i, out _);
            case (byte)'n':
                if (!json[i..].StartsWith("null"u8))
                {
                    return false;
                }

                i += 4;
                return true;
            default:
                return SkipNumber(json, ref i);
        }
    }

    /// <summary>A JSON number: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?.</summary>
    private static bool SkipNumber(ReadOnlySpan<byte> json, scoped ref int i)
    {
        if (i < json.Length && json[i] == (byte)'-')
        {
            i++;
        }

        var start = i;
        var digits = Digits(json, ref i);
        if (digits == 0 || (digits > 1 && json[start] == (byte)'0'))
        {
            return false;
        }

        if (i < json.Length && json[i] == (byte)'.')
        {
            i++;
            if (Digits(json, ref i) == 0)
            {
                return false;
            }
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            return Digits(json, ref i) > 0;
        }

        return true;
    }

    private static int Digits(ReadOnlySpan<byte> json, scoped ref int i)
    {
        var start = i;
        while (i < json.Length && (uint)(json[i] - '0') <= 9)
        {
            i++;
        }

        return i - start;
    }

    /// <summary>
    /// "97250.50" exactly, scale kept (the input's decimals); long inputs go through the general parser.
    /// </summary>
    private static bool TryDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0;
        ulong mantissa = 0;
        var scale = -1;
        var digits = 0;
        foreach (var c in text)
        {
            if ((uint)(c - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (uint)(c - '0');
                digits++;
                scale += scale >= 0 ? 1 : 0;
            }
            else if (c == (byte)'.' && scale < 0 && digits > 0)
            {
                scale = 0;
            }
            else
            {
                return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
            }
        }

        if (digits == 0 || digits > 18 || scale == 0)
        {
            return digits > 18 && Utf8Parser.TryParse(text, out value, out var used) && used == text.Length;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)Math.Max(scale, 0));
        return true;
    }

    private static bool Expect(ReadOnlySpan<byte> json, scoped ref int i, byte c)
    {
        SkipSpace(json, ref i);
        if (i < json.Length && json[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static bool AtEnd(ReadOnlySpan<byte> json, int i)
    {
        SkipSpace(json, ref i);
        return i == json.Length;
    }

    private static void SkipSpace(ReadOnlySpan<byte> json, scoped ref int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
    }
}
