using System.CommandLine;
using System.Globalization;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Units;

namespace MoneyBot.OrderFlow.Cli;

/// <summary>
/// Builds options whose values are checked while parsing: a bad value is a usage error naming the option and what it
/// accepts.
/// </summary>
internal static class OptionFactory
{
    /// <summary>An optional value read by <paramref name="parse"/> (null: invalid).</summary>
    public static Option<T?> Create<T>(
        string name,
        string description,
        string helpName,
        Func<string, T?> parse,
        string expected
    )
        where T : struct =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result => OptionParsing.Parse<T?>(result, null, t => parse(t), expected),
        };

    /// <summary>A duration (30s, 5m, 1h...) above zero.</summary>
    public static Option<TimeSpan?> Duration(string name, string description) =>
        Create<TimeSpan>(
            name,
            description,
            "duration",
            t => Durations.TryParse(t, out var d) && d > TimeSpan.Zero ? d : null,
            "a duration above 0 like 30s, 5m or 1h"
        );

    /// <summary>A decimal number at or above <paramref name="minimum"/>; k and M suffixes allowed (500k).</summary>
    public static Option<decimal?> Number(string name, string description, decimal minimum) =>
        Create<decimal>(
            name,
            description,
            "number",
            t => ParseNumber(t) is { } n && n >= minimum ? n : null,
            $"a number of at least {minimum.ToString(CultureInfo.InvariantCulture)} (500k and 1M work)"
        );

    /// <summary>Reads 1234.5, 500k, 1.5M.</summary>
    public static decimal? ParseNumber(string text)
    {
        var multiplier = 1m;
        if (text.EndsWith('k') || text.EndsWith('K'))
        {
            (multiplier, text) = (1_000m, text[..^1]);
        }
        else if (text.EndsWith('M'))
        {
            (multiplier, text) = (1_000_000m, text[..^1]);
        }

        return decimal.TryParse(
            text,
            NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture,
            out var value
        )
            ? value * multiplier
            : null;
    }
}
