using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MoneyBot.ExchangeSim.Rest;

/// <summary>Reads Binance-style query parameters; each reader returns an error instead of throwing.</summary>
internal sealed class RestQuery(IQueryCollection query)
{
    public string? Text(string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

    /// <summary>An optional non-negative integer.</summary>
    public RestError? Long(string name, out long? value)
    {
        value = null;
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (
            text.Length > 20
            || !text.All(char.IsAsciiDigit)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
        )
        {
            return RestError.IllegalCharacters(name);
        }

        value = parsed;
        return null;
    }

    /// <summary><c>limit</c>: default when absent, capped at <paramref name="max"/>, at least 1.</summary>
    public RestError? Limit(int defaultLimit, int max, out int limit)
    {
        limit = defaultLimit;
        if (Long("limit", out var value) is { } error)
        {
            return error;
        }

        if (value is { } given)
        {
            if (given < 1)
            {
                return RestError.InvalidValue("limit");
            }

            limit = (int)Math.Min(given, max);
        }

        return null;
    }

    /// <summary><c>startTime</c> and <c>endTime</c>, the start not after the end.</summary>
    public RestError? TimeRange(out long? start, out long? end)
    {
        end = null;
        var error = Long("startTime", out start) ?? Long("endTime", out end);
        return error ?? (start > end ? RestError.StartAfterEnd : null);
    }
}
