namespace MoneyBot.ExchangeSim.Rest;

/// <summary>A Binance REST error: HTTP 400 with <c>{"code":..,"msg":..}</c>.</summary>
internal sealed record RestError(int Code, string Message)
{
    public static RestError Mandatory(string name) =>
        new(-1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    public static RestError IllegalCharacters(string name) =>
        new(-1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'.");

    public static RestError InvalidValue(string name) => new(-1130, $"Data sent for parameter '{name}' is not valid.");

    /// <summary>A symbol with characters outside Binance's range (letters, digits, <c>-_.</c>, 1 to 20).</summary>
    public static RestError IllegalSymbol { get; } =
        new(-1100, "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.");

    /// <summary><c>symbols</c> that is not a JSON array of symbol strings.</summary>
    public static RestError IllegalSymbols { get; } =
        new(
            -1100,
            "Illegal characters found in parameter 'symbols'; legal range is "
                + "'^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'."
        );

    /// <summary>Both <c>symbol</c> and <c>symbols</c>.</summary>
    public static RestError BadCombination { get; } = new(-1128, "Combination of optional parameters invalid.");

    public static RestError InvalidSymbol { get; } = new(-1121, "Invalid symbol.");

    public static RestError InvalidInterval { get; } = new(-1120, "Invalid interval.");

    public static RestError StartAfterEnd { get; } = new(-1023, "Start time is greater than end time.");

    public static RestError WindowTooLong { get; } = new(-1127, "More than 1 hours between startTime and endTime.");
}
