namespace MoneyBot.OrderFlow.Wire;

/// <summary>What a raw stream message turned out to be.</summary>
public enum MessageKind : byte
{
    /// <summary>An aggTrade.</summary>
    AggTrade,

    /// <summary>A partial book (depth5/10/20) or a futures depthUpdate.</summary>
    Depth,

    /// <summary>Something else Binance sends (a subscription answer, another event type): not for us.</summary>
    Ignored,

    /// <summary>Not valid: the error says why.</summary>
    Malformed,
}
