using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>A <see cref="BinanceStream"/> on the simulated exchange, its log, and everything it delivered.</summary>
public sealed class StreamRig : IAsyncDisposable
{
    private StreamRig(BinanceStream stream, CapturingLogger log, Collector<StreamMessage>? messages)
    {
        Stream = stream;
        Log = log;
        Messages = messages!;
    }

    public BinanceStream Stream { get; }

    public CapturingLogger Log { get; }

    /// <summary>What the stream delivered (null when <see cref="Start"/> was told not to read).</summary>
    public Collector<StreamMessage> Messages { get; }

    /// <summary>
    /// Starts a stream of <paramref name="streams"/> (1m klines by default) with fast reconnects; reads it unless told
    /// not to.
    /// </summary>
    public static StreamRig Start(
        SimulatedExchangeHost exchange,
        Func<BinanceStreamOptions, BinanceStreamOptions>? configure = null,
        bool read = true,
        params string[] streams
    ) => Start(exchange.Endpoints().SpotWebSocket, configure, read, streams);

    public static StreamRig Start(
        Uri webSocketBase,
        Func<BinanceStreamOptions, BinanceStreamOptions>? configure = null,
        bool read = true,
        params string[] streams
    )
    {
        var options = new BinanceStreamOptions(
            webSocketBase,
            streams.Length > 0 ? streams : [StreamNames.Kline(Exchange.Symbol, Exchange.Interval)]
        )
        {
            Reconnect = Exchange.FastBackoff,
            StaleAfter = TimeSpan.FromSeconds(30),
        };
        var log = new CapturingLogger();
        var stream = new BinanceStream(configure?.Invoke(options) ?? options, log);
        var messages = read ? Collector.Start(stream.ReadAllAsync()) : null;
        stream.Start();
        return new StreamRig(stream, log, messages);
    }

    /// <summary>
    /// Waits for <paramref name="count"/> closed klines after the item at <paramref name="after"/> (an index into <see
    /// cref="Messages"/>).
    /// </summary>
    public Task<IReadOnlyList<StreamMessage>> WaitForClosedKlinesAsync(int count, int after = -1) =>
        Messages.WaitUntilAsync(list => list.Skip(after + 1).Count(IsClosedKline) >= count);

    public static bool IsClosedKline(StreamMessage message) => message is KlineMessage { Event.Kline.IsClosed: true };

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        if (Messages is not null)
        {
            await Messages.DisposeAsync();
        }
    }
}
