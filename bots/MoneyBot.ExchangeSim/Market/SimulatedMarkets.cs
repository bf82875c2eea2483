using System.Diagnostics.CodeAnalysis;

namespace MoneyBot.ExchangeSim.Market;

/// <summary>The markets of all simulated symbols, sharing one clock.</summary>
public sealed class SimulatedMarkets
{
    private readonly Dictionary<string, SymbolMarket> _bySymbol;

    /// <summary>Groups the markets; symbols must be distinct.</summary>
    public SimulatedMarkets(IReadOnlyList<SymbolMarket> markets, SimulatedClock clock)
    {
        ArgumentNullException.ThrowIfNull(markets);
        All = markets;
        Clock = clock;
        _bySymbol = markets.ToDictionary(m => m.Symbol, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The exchange clock.</summary>
    public SimulatedClock Clock { get; }

    /// <summary>Every market, in the configured order.</summary>
    public IReadOnlyList<SymbolMarket> All { get; }

    /// <summary>The market of a symbol (any case).</summary>
    public SymbolMarket this[string symbol] =>
        TryGet(symbol, out var market)
            ? market
            : throw new KeyNotFoundException(
                $"'{symbol}' is not simulated; the symbols are {string.Join(", ", _bySymbol.Keys)}."
            );

    /// <summary>Finds the market of a symbol (any case).</summary>
    public bool TryGet(string? symbol, [NotNullWhen(true)] out SymbolMarket? market)
    {
        market = null;
        return symbol is not null && _bySymbol.TryGetValue(symbol, out market);
    }
}
