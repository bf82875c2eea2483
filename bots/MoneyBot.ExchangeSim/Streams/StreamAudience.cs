namespace MoneyBot.ExchangeSim.Streams;

/// <summary>Which markets' connections are subscribed to a stream: the forms a message must be written in.</summary>
[Flags]
internal enum StreamAudience
{
    /// <summary>Nobody: the message need not be written.</summary>
    None = 0,

    /// <summary>At least one spot connection.</summary>
    Spot = 1,

    /// <summary>At least one USD-M futures connection.</summary>
    UsdFutures = 2,
}
