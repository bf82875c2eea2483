using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Rest;

/// <summary>
/// The symbols a request names: <c>symbol=BTCUSDT</c> (one, answered as an object),
/// <c>symbols=["BTCUSDT","ETHUSDT"]</c>
/// (answered as an array) or neither (every symbol, as an array). Symbols are accepted in any case.
/// </summary>
internal sealed record SymbolSelection(IReadOnlyList<SymbolMarket> Markets, bool Single)
{
    private const int MaxSymbolLength = 20;

    /// <summary>
    /// Reads <c>symbol</c> and, with <paramref name="allowList"/>, <c>symbols</c>; <paramref name="required"/> makes
    /// <c>symbol</c> mandatory (-1102). Illegal characters or a malformed list give -1100, an unknown symbol -1121.
    /// </summary>
    public static RestError? Read(
        RestQuery query,
        SimulatedMarkets markets,
        bool allowList,
        bool required,
        out SymbolSelection selection
    )
    {
        selection = new SymbolSelection(markets.All, Single: false);
        var symbol = query.Text("symbol");
        var list = allowList ? query.Text("symbols") : null;
        if (symbol is not null && list is not null)
        {
            return RestError.BadCombination;
        }

        if (symbol is not null)
        {
            if (!IsLegal(symbol))
            {
                return RestError.IllegalSymbol;
            }

            if (!markets.TryGet(symbol, out var market))
            {
                return RestError.InvalidSymbol;
            }

            selection = new SymbolSelection([market], Single: true);
            return null;
        }

        if (required)
        {
            return RestError.Mandatory("symbol");
        }

        return list is null ? null : ReadList(list, markets, ref selection);
    }

    /// <summary>How many symbols <c>symbols</c> names, roughly (for the request weight): its quoted names.</summary>
    public static int CountListed(RestQuery query) =>
        query.Text("symbols") is { } list ? Math.Max(1, list.Count(c => c == '"') / 2) : 0;

    private static RestError? ReadList(string list, SimulatedMarkets markets, ref SymbolSelection selection)
    {
        var text = list.Trim();
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return RestError.IllegalSymbols;
        }

        var inner = text[1..^1].Trim();
        if (inner.Length == 0)
        {
            return RestError.Mandatory("symbols");
        }

        var selected = new List<SymbolMarket>();
        foreach (var part in inner.Split(','))
        {
            var item = part.Trim();
            if (item.Length < 3 || item[0] != '"' || item[^1] != '"' || !IsLegal(item[1..^1]))
            {
                return RestError.IllegalSymbols;
            }

            if (!markets.TryGet(item[1..^1], out var market))
            {
                return RestError.InvalidSymbol;
            }

            if (!selected.Contains(market))
            {
                selected.Add(market);
            }
        }

        selection = new SymbolSelection(selected, Single: false);
        return null;
    }

    private static bool IsLegal(string symbol) =>
        symbol.Length is > 0 and <= MaxSymbolLength
        && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
