namespace MoneyBot.ExchangeSim.Market;

/// <summary>One price level of the order book.</summary>
public readonly record struct BookLevel(decimal Price, decimal Quantity);
