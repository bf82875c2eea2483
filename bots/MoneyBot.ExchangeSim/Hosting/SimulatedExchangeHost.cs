using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Hosting;
using MoneyBot.ExchangeSim.Faults;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Rest;
using MoneyBot.ExchangeSim.Streams;

namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>
/// A running simulated exchange (Kestrel on loopback): Binance-compatible REST under
/// <see cref="BaseUrl"/>, spot streams under <see cref="WebSocketUrl"/> (<c>ws/&lt;stream&gt;</c>,
/// <c>stream?streams=a/b</c>) and USD-M futures streams under <see cref="FuturesWebSocketUrl"/>, the
/// control API under <c>sim/</c>, and the same faults as methods.
/// Start one per test with <see cref="StartAsync"/>; dispose it to stop. Durations of faults and
/// connection ages are real time on <see cref="SimulatorOptions.TimeProvider"/>.
/// </summary>
public sealed partial class SimulatedExchangeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MarketProgress _progress;
    private readonly MarketPump _pump;
    private readonly FaultInjector _faults;
    private readonly FaultState _faultState;
    private readonly TradeSkips _skips;
    private readonly StreamBroadcaster _broadcaster;
    private readonly CancellationTokenSource _stopping;
    private readonly CancellationTokenSource _pumpStop = new();
    private readonly ILogger _logger;
    private Task _pumpTask = Task.CompletedTask;
    private int _disposed;

    private SimulatedExchangeHost(
        SimulatorOptions options,
        SimulatedMarkets markets,
        WebApplication app,
        Parts parts,
        CancellationTokenSource stopping
    )
    {
        Options = options;
        Markets = markets;
        _app = app;
        _progress = parts.Progress;
        _pump = parts.Pump;
        _faults = parts.Faults;
        _faultState = parts.FaultState;
        _skips = parts.Skips;
        _broadcaster = parts.Broadcaster;
        _logger = parts.Logger;
        _stopping = stopping;
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
        WebSocketUrl = new UriBuilder(BaseUrl) { Scheme = "ws" }.Uri;
        FuturesWebSocketUrl = new Uri(WebSocketUrl, "fapi/");
    }

    /// <summary>The settings it runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The markets (read them directly to compare with what a client received).</summary>
    public SimulatedMarkets Markets { get; }

    /// <summary>REST base, e.g. <c>http://127.0.0.1:41234/</c> (append <c>api/v3/klines</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Websocket base, e.g. <c>ws://127.0.0.1:41234/</c> (append <c>ws/btcusdt@aggTrade</c>).</summary>
    public Uri WebSocketUrl { get; }

    /// <summary>
    /// USD-M futures websocket base, e.g. <c>ws://127.0.0.1:41234/fapi/</c> (append <c>ws/btcusdt@aggTrade</c>):
    /// the same streams in the futures forms.
    /// </summary>
    public Uri FuturesWebSocketUrl { get; }

    /// <summary>Simulated time now.</summary>
    public DateTimeOffset Now => Markets.Clock.Now;

    /// <summary>Simulated time up to which trades have been generated and published.</summary>
    public DateTimeOffset ProcessedUntil => DateTimeOffset.FromUnixTimeMilliseconds(_progress.Processed);

    /// <summary>
    /// When the market pump last made a step (wall clock of <see cref="SimulatorOptions.TimeProvider"/>); null
    /// before the first. A pump that stops stepping (a hung timer, the freeze fault) stops the WATCHDOG=1 pings.
    /// </summary>
    public DateTimeOffset? LastPumpStepAt => _pump.LastStepAt;

    /// <summary>Freezes the market pump for <paramref name="duration"/> (no step; see the freeze fault).</summary>
    public void Freeze(TimeSpan duration) => _faults.Freeze(duration);

    /// <summary>Starts an exchange: generates the history, binds the listener, starts the market pump.</summary>
    /// <exception cref="ArgumentException">A setting is invalid (the message says which).</exception>
    /// <exception cref="IOException">The address cannot be bound (for example, the port is in use).</exception>
    public static async Task<SimulatedExchangeHost> StartAsync(
        SimulatorOptions options,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var markets = await CreateMarketsAsync(options, cancellationToken);
        var stopping = new CancellationTokenSource();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder
            .WebHost.UseKestrelCore()
            .ConfigureKestrel(k => k.Listen(ListenAddress(options.ListenUrl), options.ListenUrl.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => options.ConfigureLogging?.Invoke(logging));
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        var app = builder.Build();
        var parts = Parts.Create(options, markets, app.Services.GetRequiredService<ILoggerFactory>());
        SimulatedExchangeHost? host = null;
        var control = new ControlEndpoints(parts.Faults, () => host!.GetStatus());
        app.Use(control.Refusal);
        app.UseWebSockets();
        new RestEndpoints(markets, options.TimeProvider).Map(app);
        new StreamEndpoints(
            markets,
            parts.Broadcaster,
            new ClientRequests(markets),
            options,
            parts.Logger,
            stopping.Token
        ).Map(app);
        control.Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        host = new SimulatedExchangeHost(options, markets, app, parts, stopping);
        host.StartPump(parts.Pump);
        return host;
    }

    /// <summary>
    /// Completes when the market has been advanced (and published) to at least <paramref name="time"/>.
    /// </summary>
    public Task WaitForMarketTimeAsync(DateTimeOffset time, CancellationToken cancellationToken = default) =>
        _progress.WaitForAsync(time.ToUnixTimeMilliseconds(), cancellationToken);

    /// <summary>Fault: drops every websocket now, without a close frame (clients see the connection end).</summary>
    /// <returns>How many connections were dropped.</returns>
    public int DropConnections() => _faults.Drop();

    /// <summary>
    /// Fault: keeps the sockets open but sends nothing for <paramref name="duration"/>; messages of that time are lost.
    /// </summary>
    public void Stall(TimeSpan duration) => _faults.Stall(duration);

    /// <summary>Fault: sends one frame of invalid JSON on each subscribed stream of each connection.</summary>
    /// <returns>How many frames were queued.</returns>
    public int SendMalformed() => _faults.SendMalformed();

    /// <summary>
    /// Fault: answers new websocket and REST requests with 503 for <paramref name="duration"/> (<c>/sim</c> stays up).
    /// </summary>
    public void Refuse(TimeSpan duration) => _faults.Refuse(duration);

    /// <summary>
    /// Fault: the next <paramref name="count"/> aggTrades of <paramref name="symbol"/> (of each symbol when null) are
    /// sent on no websocket, while REST (<c>/api/v3/aggTrades</c>, <c>/fapi/v1/aggTrades</c>) still serves them: a
    /// client sees its ids jump by <paramref name="count"/> and can backfill. Repeated calls add up.
    /// </summary>
    /// <returns>How many trades will be withheld over all symbols.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not from 1 to 1,000,000.</exception>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is not simulated.</exception>
    public int SkipTrades(int count, string? symbol = null) => _faults.SkipTrades(count, symbol);

    /// <summary>Ends a stall or a refusal now, and cancels the trade skips still pending.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>What <c>GET /sim/status</c> reports.</summary>
    public SimulatorStatus GetStatus() =>
        new(
            Now,
            ProcessedUntil,
            Markets.Clock.Start,
            Options.Speed,
            Options.Seed,
            [
                .. Markets.All.Select(m => new SymbolStatus(
                    m.Symbol,
                    m.LastPrice,
                    m.LastTradeId,
                    m.TradesGenerated,
                    DateTimeOffset.FromUnixTimeMilliseconds(m.HistoryStart),
                    _skips.Skipped(m.Symbol),
                    _skips.Pending(m.Symbol)
                )),
            ],
            _broadcaster.Count,
            _broadcaster.Counters.Accepted,
            _broadcaster.Counters.Sent,
            _broadcaster.Counters.Suppressed,
            _broadcaster.Counters.SlowDropped,
            _faultState.StallRemaining.TotalSeconds,
            _faultState.RefuseRemaining.TotalSeconds,
            _skips.TotalSkipped
        );

    /// <summary>
    /// Stops: closes the websockets (close frame, 1 s grace), stops the pump and the listener. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _pumpStop.CancelAsync();
        await _pumpTask;
        _broadcaster.CloseAll(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await _app.StopAsync(grace.Token);
        }

        await _stopping.CancelAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
        _pumpStop.Dispose();
        _logger.Stopped();
    }

    private static IPAddress ListenAddress(Uri url) =>
        string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.Parse(url.Host.Trim('[', ']'));

    private void StartPump(MarketPump pump)
    {
        _pumpTask = pump.StartAsync(_pumpStop.Token);
        _logger.Started(
            BaseUrl,
            Options.Speed,
            Options.Seed,
            string.Join(",", Options.Symbols),
            Markets.Clock.Start,
            DateTimeOffset.FromUnixTimeMilliseconds(Markets.All[0].HistoryStart)
        );
    }
}
