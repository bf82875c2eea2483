using MoneyBot.ExchangeSim.Hosting;

namespace MoneyBot.Bots.Tests.ExchangeSim;

public sealed class RealClockTests
{
    [Fact(Timeout = 20_000)]
    public async Task At_high_speed_on_the_system_clock_candles_close_one_after_another()
    {
        await using var host = await SimulatedExchangeHost.StartAsync(
            new SimulatorOptions
            {
                Start = TestExchange.Start,
                History = TimeSpan.Zero,
                Speed = 1800, // a 3m candle every 100 ms
                Symbols = ["BTCUSDT"],
            }
        );
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@kline_3m"));

        var first = await client.ReceiveUntilAsync(m => m.GetProperty("k").GetProperty("x").GetBoolean());
        var second = await client.ReceiveUntilAsync(m => m.GetProperty("k").GetProperty("x").GetBoolean());

        Assert.Equal(
            first.GetProperty("k").GetProperty("t").GetInt64() + 180_000,
            second.GetProperty("k").GetProperty("t").GetInt64()
        );
        Assert.True(host.Now >= TestExchange.Start.AddMinutes(6));
    }
}
