using System.Diagnostics.CodeAnalysis;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>
/// A <see cref="BinanceStream{TMessage}"/> with a parse step of its own: the reader sees each whole frame on the
/// receive loop, and the stream keeps its rules (counts, malformed logging, notices) around it.
/// </summary>
public sealed class BinanceStreamReaderTests : IAsyncLifetime
{
    private SimulatedExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await Exchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task A_stream_delivers_what_its_reader_makes_of_each_whole_frame_and_logs_the_reader_s_reasons()
    {
        // Arrange: a reader that delivers closed klines, passes over open ones and refuses anything else.
        var reader = new ClosedKlineReader();
        var log = new CapturingLogger();
        var stream = new BinanceStream<KlineFrame>(
            new BinanceStreamOptions(
                _exchange.Endpoints().SpotWebSocket,
                [StreamNames.Kline(Exchange.Symbol, Exchange.Interval)]
            )
            {
                Reconnect = Exchange.FastBackoff,
            },
            reader,
            log
        );
        await using var frames = Collector.Start(stream.ReadAllAsync());
        stream.Start();
        await frames.WaitUntilAsync(all => all.Count >= 2);

        // Act: a frame the reader refuses, then a lost connection.
        Assert.Equal(1, _exchange.SendMalformed());
        var malformed = await log.WaitForAsync("skipped malformed message #1");
        Assert.Equal(1, _exchange.DropConnections());
        var seen = await frames.WaitUntilAsync(all => all.SkipWhile(f => f.Notice is null).Any(f => f.Notice is null));
        await stream.DisposeAsync();

        // Assert
        Assert.StartsWith(
            "Warning: stream btcusdt@kline_1m: skipped malformed message #1 (test reader: not a kline): "
                + "{\"e\":\"aggTrade\"",
            malformed,
            StringComparison.Ordinal
        );
        Assert.All(seen.Where(f => f.Notice is null), f => Assert.True(f.Whole, "a whole frame"));
        Assert.StartsWith(
            "receive: ",
            Assert.IsType<ReconnectedMessage>(Assert.Single(seen, f => f.Notice is not null).Notice).Reason,
            StringComparison.Ordinal
        );
        var status = stream.Status;
        Assert.True(reader.Skipped > 0, "open klines are passed over");
        Assert.Equal((reader.Delivered + reader.Skipped, reader.Refused), (status.Messages, status.Malformed));
    }

    /// <summary>A closed kline (the frame was whole), or a notice.</summary>
    private readonly record struct KlineFrame(bool Whole, StreamMessage? Notice);

    private sealed class ClosedKlineReader : IStreamFrameReader<KlineFrame>
    {
        private long _delivered;
        private long _skipped;
        private long _refused;

        public long Delivered => Volatile.Read(ref _delivered);

        public long Skipped => Volatile.Read(ref _skipped);

        public long Refused => Volatile.Read(ref _refused);

        public FrameOutcome Read(
            ReadOnlySpan<byte> frame,
            DateTimeOffset receivedAt,
            [MaybeNull] out KlineFrame message,
            out string? error
        )
        {
            message = default;
            error = null;
            if (!frame.StartsWith("{\"e\":\"kline\""u8))
            {
                Interlocked.Increment(ref _refused);
                error = "test reader: not a kline";
                return FrameOutcome.Malformed;
            }

            if (frame.IndexOf("\"x\":true"u8) < 0)
            {
                Interlocked.Increment(ref _skipped);
                return FrameOutcome.Skipped;
            }

            Interlocked.Increment(ref _delivered);
            message = new KlineFrame(frame.EndsWith("}}"u8), null);
            return FrameOutcome.Message;
        }

        public KlineFrame Notice(StreamMessage notice) => new(false, notice);
    }
}
