using System.CommandLine.Parsing;

namespace MoneyBot.Common.Bots;

/// <summary>
/// Reads an option value while parsing, so a bad value is a usage error that names the option and what it accepts.
/// </summary>
public static class OptionParsing
{
    /// <summary>
    /// The option's value read by <paramref name="parse"/> (null: invalid), or <paramref name="fallback"/> when the
    /// option has no token; an invalid value adds "--name: 'token' is not valid (expected ...)" and gives the fallback.
    /// </summary>
    public static T Parse<T>(ArgumentResult result, T fallback, Func<string, T?> parse, string expected)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parse);
        if (result.Tokens.Count == 0)
        {
            return fallback;
        }

        var token = result.Tokens[0].Value;
        if (parse(token.Trim()) is { } value)
        {
            return value;
        }

        var name = (result.Parent as OptionResult)?.Option.Name ?? "value";
        result.AddError($"{name}: '{token}' is not valid (expected {expected})");
        return fallback;
    }
}
