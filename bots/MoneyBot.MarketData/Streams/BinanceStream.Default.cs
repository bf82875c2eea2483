using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace MoneyBot.MarketData.Streams;

/// <summary>
/// A <see cref="BinanceStream{TMessage}"/> that parses every frame with <see cref="StreamMessageParser"/>: klines,
/// aggTrades and depth as <see cref="StreamMessage"/> records, with the notices among them. The stream for everything
/// that is not a hot path of its own.
/// </summary>
[SuppressMessage(
    "Naming",
    "CA1711:Identifiers should not have incorrect suffix",
    Justification = "A Binance market stream, Binance's own word; not a System.IO.Stream."
)]
public sealed class BinanceStream : BinanceStream<StreamMessage>
{
    /// <summary>Creates a stream; nothing connects before <see cref="BinanceStream{TMessage}.Start"/>.</summary>
    /// <param name="options">What to subscribe and how; validated here.</param>
    /// <param name="logger">Where state changes and failures go.</param>
    /// <param name="timeProvider">Clock for every timeout, delay and timestamp.</param>
    /// <param name="random01">Source of jitter in [0, 1); <see cref="Random.Shared"/> by default.</param>
    public BinanceStream(
        BinanceStreamOptions options,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        Func<double>? random01 = null
    )
        : base(
            options,
            new StreamMessageReader((options ?? throw new ArgumentNullException(nameof(options))).Streams),
            logger,
            timeProvider,
            random01
        ) { }
}
