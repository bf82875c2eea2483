using System.Text.Json;
using Microsoft.Extensions.Logging;
using MoneyBot.Bots.Tests.ExtGap.Live;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Live;

/// <summary>
/// An <see cref="OrderFlowBot"/> running in the test process against the simulated exchange, with its log, the trades
/// it applied and an HTTP client on its API.
/// </summary>
internal sealed class OrderFlowRig : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private OrderFlowRig(LiveOptions options)
    {
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Log.Provider));
        Bot = new OrderFlowBot(options, _loggers);
        Bot.TradeApplied += (_, progress) => Trades.Add(progress);
        Run = Bot.RunAsync();
    }

    public OrderFlowBot Bot { get; }

    public CapturingLogger Log { get; } = new();

    /// <summary>Every trade applied, in order.</summary>
    public Collector<TradeProgress> Trades { get; } = Collector.Manual<TradeProgress>();

    public Task<int> Run { get; }

    /// <summary>
    /// Spot BTCUSDT on the simulator, the API on a free loopback port, fast reconnects, 1 s staleness, 1 min warm-up.
    /// </summary>
    public static LiveOptions OptionsFor(SimulatedExchangeHost exchange) =>
        new()
        {
            Symbols = [Exchange.Symbol],
            Market = Market.Spot,
            Endpoints = exchange.Endpoints(),
            ApiUrl = new Uri("http://127.0.0.1:0"),
            StaleAfter = TimeSpan.FromSeconds(1),
            Warmup = TimeSpan.FromMinutes(1),
            Reconnect = Exchange.FastBackoff,
            StatusInterval = TimeSpan.FromMilliseconds(200),
        };

    public static async Task<OrderFlowRig> StartAsync(LiveOptions options)
    {
        var rig = new OrderFlowRig(options);
        await rig.Bot.Started.WaitAsync(TimeSpan.FromSeconds(20));
        return rig;
    }

    /// <summary>Waits for <paramref name="count"/> more trades from the stream than there are now.</summary>
    public Task WaitForStreamedTradesAsync(int count)
    {
        var already = Trades.Items.Count(t => t.Source == TradeSource.Stream);
        return Trades.WaitUntilAsync(
            all => all.Count(t => t.Source == TradeSource.Stream) >= already + count,
            TimeSpan.FromSeconds(30)
        );
    }

    /// <summary>
    /// GETs <paramref name="pathAndQuery"/> from the API; returns the status code and the parsed JSON.
    /// </summary>
    public async Task<(int Status, JsonElement Json)> GetJsonAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(new Uri(Bot.ApiUrl!, pathAndQuery));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public async Task<string> GetTextAsync(string pathAndQuery) =>
        await _http.GetStringAsync(new Uri(Bot.ApiUrl!, pathAndQuery));

    public async Task<int> StopAsync()
    {
        Bot.RequestStop("test: stop");
        return await Run.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Trades.DisposeAsync();
        _http.Dispose();
        _loggers.Dispose();
    }
}
