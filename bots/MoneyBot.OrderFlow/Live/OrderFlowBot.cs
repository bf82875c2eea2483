using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Notify;
using MoneyBot.MarketData.Rest;
using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Api;
using MoneyBot.OrderFlow.Cli;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// <c>orderflow run</c>: the HTTP API on loopback, the aggTrade stream (with warm-up and id-gap
/// backfill by REST) and the top-20 book stream of every symbol into one <see cref="FlowBoard"/>, whale
/// alerts to Telegram, and the notify protocol (READY=1 at the first trade, STATUS= every few seconds,
/// WATCHDOG=1 only while every symbol's trades flow). Stops cleanly on <see cref="RequestStop"/> or when
/// the supervisor dies.
/// </summary>
public sealed partial class OrderFlowBot : IAsyncDisposable
{
    private readonly LiveOptions options;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggers;
    private readonly ILogger logger;
    private readonly BotLifetime lifetime = new();
    private readonly TaskCompletionSource startedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HealthReporter health;
    private readonly WhaleAlerts alerts;
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan }; // deadlines are per request
    private int disposed;

    /// <summary>Creates the bot; nothing runs before <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message says which).</exception>
    public OrderFlowBot(LiveOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validate();
        this.time = time ?? TimeProvider.System;
        this.loggers = loggers ?? NullLoggerFactory.Instance;
        logger = this.loggers.CreateLogger<OrderFlowBot>();
        Board = new FlowBoard(options.Symbols, options.Settings, options.StaleAfter, this.time);
        var watchdog = options.WatchdogTimeout is { } w ? ((long)w.TotalMicroseconds).ToString(CultureInfo.InvariantCulture) : null;
        health = new HealthReporter(new SystemdNotifier(options.NotifySocket, watchdog), options.StaleAfter, this.time, logger);
        alerts = new WhaleAlerts(options.Telegram, options.AlertTier, options.AlertBurst, this.time, this.loggers, options.Outbox);
    }

    /// <summary>Raised on the feed loop after each trade applied to the metrics (streamed, warm-up or backfilled).</summary>
    public event EventHandler<TradeProgress>? TradeApplied;

    /// <summary>The metrics (for tests and the API).</summary>
    public FlowBoard Board { get; }

    /// <summary>Where the API listens, once it does.</summary>
    public Uri? ApiUrl { get; private set; }

    /// <summary>Completes when the API listens and the streams are started.</summary>
    public Task Started => startedSignal.Task;

    /// <summary>Why the bot stops, once asked to.</summary>
    public string? StopReason => lifetime.Reason;

    /// <summary>Asks the bot to stop (the first reason wins); <see cref="RunAsync"/> then finishes cleanly. Thread-safe.</summary>
    public void RequestStop(string reason) => lifetime.Request(reason);

    /// <summary>Runs until asked to stop; returns the exit code (<see cref="ExitCodes.Failed"/> when the API cannot listen). Call once.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken = default) => lifetime.Start(() => RunCoreAsync(cancellationToken), nameof(OrderFlowBot));

    private async Task<int> RunCoreAsync(CancellationToken cancellationToken)
    {
        await Task.Yield(); // the caller gets its task back before any socket work
        using var cancelled = cancellationToken.Register(() => RequestStop("cancelled"));
        var (restUrl, streamUrl) = (options.Endpoints.RestBase(options.Market), options.Endpoints.WebSocketBase(options.Market));
        var symbols = string.Join(",", Board.Symbols);
        BotLog.Starting(logger, symbols, options.Market, restUrl, streamUrl, options.ApiUrl);
        var trades = new BinanceStream(
            BinanceStreamOptions.For(options.Endpoints, options.Market, [.. Board.Symbols.Select(StreamNames.AggTrade)]) with
            {
                Name = "trades", StaleAfter = options.StaleAfter, Reconnect = options.Reconnect,
            },
            loggers.CreateLogger<BinanceStream>(), time);
        var book = new BinanceStream(
            BinanceStreamOptions.For(options.Endpoints, options.Market, [.. Board.Symbols.Select(s => StreamNames.PartialDepth(s, 20, TimeSpan.FromMilliseconds(100)))]) with
            {
                Name = "book", StaleAfter = options.StaleAfter, Reconnect = options.Reconnect, Capacity = 100,
            },
            loggers.CreateLogger<BinanceStream>(), time);
        IReadOnlyList<StreamReport> Streams() => [new("trades", trades.Uri, trades.Status), new("book", book.Uri, book.Status)];

        OrderFlowApiHost api;
        try
        {
            api = await OrderFlowApiHost.StartAsync(new OrderFlowApiOptions { ListenUrl = options.ApiUrl, TimeProvider = time }, Board, Streams, loggers, lifetime.Token);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or OperationCanceledException)
        {
            BotLog.ApiFailed(logger, options.ApiUrl, ex.Message);
            health.Stopping();
            await trades.DisposeAsync();
            await book.DisposeAsync();
            startedSignal.TrySetResult();
            return lifetime.Token.IsCancellationRequested ? ExitCodes.Success : ExitCodes.Failed;
        }

        ApiUrl = api.BaseUrl;
        using var parent = lifetime.WatchParent(options.ParentCheckInterval, time, logger);
        var feed = new TradeFeed(Board, new TradeBackfill(new BinanceRestClient(http, options.Endpoints, time), options.Market, time, options.Reconnect), options, alerts, health, logger, OnApplied);
        using var statusTimer = time.CreateTimer(_ => health.Status(StatusLine.Compose(Board)), null, options.StatusInterval, options.StatusInterval);
        trades.Start();
        book.Start();
        health.Start(OldestTrade);
        startedSignal.TrySetResult();
        try
        {
            await Task.WhenAll(feed.RunAsync(trades.ReadAllAsync(lifetime.Token), lifetime.Token), new BookFeed(Board).RunAsync(book.ReadAllAsync(lifetime.Token), lifetime.Token));
        }
        catch (OperationCanceledException) when (lifetime.Token.IsCancellationRequested)
        {
            // Asked to stop.
        }

        BotLog.Stopping(logger, StopReason ?? "the streams ended");
        health.Stopping();
        await trades.DisposeAsync();
        await book.DisposeAsync();
        await api.DisposeAsync();
        await alerts.FlushAsync(TimeSpan.FromSeconds(2), CancellationToken.None); // the last alerts still go out on the way down
        var total = Board.Symbols.Sum(s => Board.Read(s, (flow, _) => flow.Trades));
        BotLog.Stopped(logger, total);
        return ExitCodes.Success;
    }

    private void OnApplied(string symbol, long tradeId, TradeSource source)
    {
        if (TradeApplied is { } handler)
        {
            handler(this, new TradeProgress(symbol, tradeId, source));
        }
    }

    /// <summary>When the least recently traded symbol last had a trade; null until every symbol had one.</summary>
    private DateTimeOffset? OldestTrade()
    {
        DateTimeOffset? oldest = null;
        foreach (var symbol in Board.Symbols)
        {
            if (Board.Status(symbol).LastTradeReceivedAt is not { } last)
            {
                return null;
            }

            oldest = oldest is { } o && o < last ? o : last;
        }

        return oldest;
    }


    /// <summary>Stops the bot if it runs (waiting a bounded time), then releases everything. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await lifetime.StopAndWaitAsync("disposed", TimeSpan.FromSeconds(15), time);

        await alerts.DisposeAsync();
        health.Dispose();
        http.Dispose();
        lifetime.Dispose();
    }
}
