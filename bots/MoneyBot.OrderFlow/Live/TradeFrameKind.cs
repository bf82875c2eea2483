namespace MoneyBot.OrderFlow.Live;

/// <summary>What a <see cref="TradeFrame"/> carries.</summary>
public enum TradeFrameKind : byte
{
    /// <summary>A trade of a symbol the bot follows.</summary>
    Trade,

    /// <summary>A trade of a symbol the bot does not follow (its name as written).</summary>
    UnknownSymbol,

    /// <summary>The stream's notice that data may be missing (a reconnection, dropped messages).</summary>
    Notice,
}
