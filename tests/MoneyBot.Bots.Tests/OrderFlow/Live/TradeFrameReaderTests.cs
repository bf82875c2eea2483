using System.Text;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;
using MoneyBot.OrderFlow.Wire;

namespace MoneyBot.Bots.Tests.OrderFlow.Live;

/// <summary>
/// The live trades stream's parse step: the replay's <see cref="AggTradeReader"/> from the frame's bytes to a
/// <see cref="TradeFrame"/>, the symbol as the board's own string, nothing allocated per trade.
/// </summary>
public sealed class TradeFrameReaderTests
{
    private const string Raw =
        "{\"e\":\"aggTrade\",\"E\":1763683380100,\"s\":\"BTCUSDT\",\"a\":3012345679,\"p\":\"91250.20\","
        + "\"q\":\"0.500\",\"f\":1,\"l\":2,\"T\":1763683380099,\"m\":false,\"M\":true}";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1763683380200);

    [Fact]
    public void Raw_and_combined_stream_trades_read_as_the_replay_reads_them_under_the_board_s_own_symbol_name()
    {
        // Arrange: the board's names are these very strings.
        string[] symbols = ["ETHUSDT", "BTCUSDT"];
        var reader = new TradeFrameReader(symbols);
        var wrapped = Fixture.Bytes("aggtrade_combined.json");

        // Act
        var wrappedOutcome = reader.Read(wrapped, Now, out var first, out var firstError);
        var rawOutcome = reader.Read(Encoding.UTF8.GetBytes(Raw), Now, out var second, out _);

        // Assert: the same trades as AggTradeReader's, the symbol not a new string.
        AggTradeReader.Read(wrapped, out var expected, out _, out _);
        Assert.Equal((FrameOutcome.Message, FrameOutcome.Message, null), (wrappedOutcome, rawOutcome, firstError));
        Assert.Equal(new TradeFrame(TradeFrameKind.Trade, "BTCUSDT", expected, Now, null), first);
        Assert.Same(symbols[1], first.Symbol);
        Assert.Same(symbols[1], second.Symbol);
        Assert.Equal(new Trade(3012345679, 1763683380099, 91250.20m, 0.500m, Aggressor.Buy), second.Trade);
    }

    [Fact]
    public void A_trade_of_a_symbol_not_followed_is_delivered_under_its_written_name_which_is_made_once()
    {
        // Arrange
        var reader = new TradeFrameReader(["BTCUSDT"]);
        var frame = Encoding.UTF8.GetBytes(Raw.Replace("BTCUSDT", "DOGEUSDT", StringComparison.Ordinal));

        // Act
        reader.Read(frame, Now, out var first, out _);
        reader.Read(frame, Now, out var second, out _);

        // Assert
        Assert.Equal((TradeFrameKind.UnknownSymbol, "DOGEUSDT"), (first.Kind, first.Symbol));
        Assert.Same(first.Symbol, second.Symbol);
    }

    [Theory]
    [InlineData("depth20_spot_raw.json")]
    [InlineData("depth20_futures_raw.json")]
    [InlineData("kline_closed_raw.json")]
    public void Depth_and_other_stream_messages_are_passed_over_as_the_replay_does(string fixture)
    {
        var outcome = new TradeFrameReader(["BTCUSDT"]).Read(Fixture.Bytes(fixture), Now, out _, out var error);

        Assert.Equal((FrameOutcome.Skipped, null), (outcome, error));
    }

    [Theory]
    [InlineData("{\"result\":null,\"id\":1}")]
    [InlineData("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"1\"}}")]
    public void Subscription_answers_and_other_wrapped_streams_are_passed_over(string json)
    {
        var outcome = new TradeFrameReader(["BTCUSDT"]).Read(Encoding.UTF8.GetBytes(json), Now, out _, out var error);

        Assert.Equal((FrameOutcome.Skipped, null), (outcome, error));
    }

    [Theory]
    [InlineData("\"p\":\"91250.20\"", "\"p\":\"0\"", "\"p\" (price) is missing or not a positive decimal string")]
    [InlineData("\"m\":false,", "", "\"m\" (buyer is maker) is missing or not true/false")]
    [InlineData("\"M\":true}", "\"M\":true", "not valid JSON: ")]
    public void A_frame_the_reader_refuses_is_malformed_with_the_reader_s_reason(
        string replace,
        string with,
        string reason
    )
    {
        // Arrange
        var frame = Encoding.UTF8.GetBytes(Raw.Replace(replace, with, StringComparison.Ordinal));

        // Act
        var outcome = new TradeFrameReader(["BTCUSDT"]).Read(frame, Now, out _, out var error);

        // Assert: the very reason AggTradeReader gives (and the replay reports).
        AggTradeReader.Read(frame, out _, out _, out var replayReason);
        Assert.Equal(FrameOutcome.Malformed, outcome);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
        Assert.Equal(replayReason, error);
    }

    [Fact]
    public void The_stream_s_notices_are_delivered_as_notice_frames()
    {
        var notice = new ReconnectedMessage(Now.AddSeconds(-5), "stale: no message for 1s", 1, Now);

        var frame = new TradeFrameReader(["BTCUSDT"]).Notice(notice);

        Assert.Equal((TradeFrameKind.Notice, null, Now), (frame.Kind, frame.Symbol, frame.ReceivedAt));
        Assert.Same(notice, frame.Notice);
    }

    [Fact]
    public void Reading_raw_and_combined_trades_allocates_nothing_once_warm()
    {
        // Arrange: both shapes Binance sends, of two followed symbols; one pass first (JIT, type loading).
        var reader = new TradeFrameReader(["BTCUSDT", "ETHUSDT"]);
        byte[][] frames =
        [
            Encoding.UTF8.GetBytes(Raw),
            Fixture.Bytes("aggtrade_combined.json"),
            Encoding.UTF8.GetBytes(Raw.Replace("BTCUSDT", "ETHUSDT", StringComparison.Ordinal)),
        ];
        const int Rounds = 10_000;
        long checksum = 0;
        for (var round = 0; round < 2; round++)
        {
            foreach (var frame in frames)
            {
                reader.Read(frame, Now, out var trade, out _);
                checksum += trade.Trade.Id;
            }
        }

        // Act: the same 30,000 trades a few times. The runtime may allocate on this thread once while it
        // recompiles the loop (tiered JIT); an allocation of the reader's would show in every pass.
        var passes = new List<long>();
        do
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var frame in frames)
                {
                    if (reader.Read(frame, Now, out var trade, out _) == FrameOutcome.Message)
                    {
                        checksum += trade.Trade.Id + trade.Symbol!.Length;
                    }
                }
            }

            passes.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        } while (passes[^1] != 0 && passes.Count < 5);

        // Assert: 0 bytes for 30,000 trades.
        Assert.True(passes[^1] == 0, $"bytes allocated per pass: {string.Join(", ", passes)}");
        Assert.NotEqual(0, checksum);
    }
}
