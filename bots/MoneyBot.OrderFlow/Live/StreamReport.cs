using MoneyBot.MarketData.Streams;

namespace MoneyBot.OrderFlow.Live;

/// <summary>One websocket connection of the bot, for the status.</summary>
/// <param name="Name">What it carries ("trades", "book").</param>
/// <param name="Url">Where it connects.</param>
/// <param name="Status">Connection state, counters, last error.</param>
public sealed record StreamReport(string Name, Uri Url, StreamStatus Status);
