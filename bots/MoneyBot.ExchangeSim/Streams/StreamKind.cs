namespace MoneyBot.ExchangeSim.Streams;

/// <summary>The kinds of market stream the simulator serves.</summary>
public enum StreamKind
{
    /// <summary><c>&lt;symbol&gt;@aggTrade</c>: one message per trade.</summary>
    AggTrade,

    /// <summary><c>&lt;symbol&gt;@kline_&lt;interval&gt;</c>: updates each step, the close once.</summary>
    Kline,

    /// <summary><c>&lt;symbol&gt;@depth&lt;5|10|20&gt;[@100ms]</c>: book snapshots.</summary>
    Depth,
}
