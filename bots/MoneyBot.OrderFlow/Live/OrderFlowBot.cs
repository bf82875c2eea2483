using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly BotLifetime _lifetime = new();
    private readonly TaskCompletionSource _startedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HealthReporter _health;
    private readonly WhaleAlerts _alerts;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan }; // deadlines are per request
    private int _disposed;

    /// <summary>Creates the bot; nothing runs before <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message says which).</exception>
    public OrderFlowBot(LiveOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<OrderFlowBot>();
        Board = new FlowBoard(options.Symbols, options.Settings, options.StaleAfter, _time);
        _health = HealthReporter.ForBot(
            options.NotifySocket,
            options.WatchdogTimeout,
            options.StaleAfter,
            _time,
            _logger,
            options.WatchdogPid
        );
        _alerts = new WhaleAlerts(
            options.Telegram,
            options.AlertTier,
            options.AlertBurst,
            _time,
            _loggers,
            options.Outbox
        );
    }

    /// <summary>
    /// Raised on the feed loop after each trade applied to the metrics (streamed, warm-up or backfilled).
    /// </summary>
    public event EventHandler<TradeProgress>? TradeApplied;

    /// <summary>The metrics (for tests and the API).</summary>
    public FlowBoard Board { get; }

    /// <summary>Where the API listens, once it does.</summary>
    public Uri? ApiUrl { get; private set; }

    /// <summary>Completes when the API listens and the streams are started.</summary>
    public Task Started => _startedSignal.Task;

    /// <summary>Why the bot stops, once asked to.</summary>
    public string? StopReason => _lifetime.Reason;

    /// <summary>
    /// Asks the bot to stop (the first reason wins); <see cref="RunAsync"/> then finishes cleanly. Thread-safe.
    /// </summary>
    public void RequestStop(string reason) => _lifetime.Request(reason);

    /// <summary>
    /// Runs until asked to stop; returns the exit code (<see cref="ExitCodes.Failed"/> when the API cannot listen).
    /// Call once.
    /// </summary>
    public Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        _lifetime.Start(() => RunCoreAsync(cancellationToken), nameof(OrderFlowBot));

    private async Task<int> RunCoreAsync(CancellationToken cancellationToken)
    {
        await Task.Yield(); // the caller gets its task back before any socket work
        using var cancelled = cancellationToken.Register(() => RequestStop("cancelled"));
        var (restUrl, streamUrl) = (
            _options.Endpoints.RestBase(_options.Market),
            _options.Endpoints.WebSocketBase(_options.Market)
        );
        var symbols = string.Join(",", Board.Symbols);
        BotLog.Starting(_logger, symbols, _options.Market, restUrl, streamUrl, _options.ApiUrl);
        // Each trade frame goes through the replay's reader into a value; the book keeps the general parser.
        var trades = new BinanceStream<TradeFrame>(
            BinanceStreamOptions.For(
                _options.Endpoints,
                _options.Market,
                [.. Board.Symbols.Select(StreamNames.AggTrade)]
            ) with
            {
                Name = "trades",
                StaleAfter = _options.StaleAfter,
                Reconnect = _options.Reconnect,
            },
            new TradeFrameReader(Board.Symbols),
            _loggers.CreateLogger<BinanceStream>(),
            _time
        );
        var book = new BinanceStream(
            BinanceStreamOptions.For(
                _options.Endpoints,
                _options.Market,
                [.. Board.Symbols.Select(s => StreamNames.PartialDepth(s, 20, TimeSpan.FromMilliseconds(100)))]
            ) with
            {
                Name = "book",
                StaleAfter = _options.StaleAfter,
                Reconnect = _options.Reconnect,
                Capacity = 100,
            },
            _loggers.CreateLogger<BinanceStream>(),
            _time
        );
        IReadOnlyList<StreamReport> Streams() =>
            [new("trades", trades.Uri, trades.Status), new("book", book.Uri, book.Status)];

        OrderFlowApiHost api;
        try
        {
            api = await OrderFlowApiHost.StartAsync(
                new OrderFlowApiOptions { ListenUrl = _options.ApiUrl, TimeProvider = _time },
                Board,
                Streams,
                _loggers,
                _lifetime.Token
            );
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or OperationCanceledException)
        {
            BotLog.ApiFailed(_logger, _options.ApiUrl, ex.Message);
            _health.Stopping();
            await trades.DisposeAsync();
            await book.DisposeAsync();
            _startedSignal.TrySetResult();
            return _lifetime.Token.IsCancellationRequested ? ExitCodes.Success : ExitCodes.Failed;
        }

        ApiUrl = api.BaseUrl;
        using var parent = _lifetime.WatchParent(_options.ParentCheckInterval, _time, _logger);
        var feed = new TradeFeed(
            Board,
            new TradeBackfill(
                new BinanceRestClient(_http, _options.Endpoints, _time),
                _options.Market,
                _time,
                _options.Reconnect
            ),
            _options,
            _alerts,
            _health,
            _logger,
            OnApplied
        );
        using var statusTimer = _time.CreateTimer(
            _ => _health.Status(StatusLine.Compose(Board)),
            null,
            _options.StatusInterval,
            _options.StatusInterval
        );
        trades.Start();
        book.Start();
        _health.Start(OldestTrade);
        _startedSignal.TrySetResult();
        try
        {
            await Task.WhenAll(
                feed.RunAsync(trades.ReadAllAsync(_lifetime.Token), _lifetime.Token),
                new BookFeed(Board).RunAsync(book.ReadAllAsync(_lifetime.Token), _lifetime.Token)
            );
        }
        catch (OperationCanceledException) when (_lifetime.Token.IsCancellationRequested)
        {
            // Asked to stop.
        }

        BotLog.Stopping(_logger, StopReason ?? "the streams ended");
        _health.Stopping();
        await trades.DisposeAsync();
        await book.DisposeAsync();
        await api.DisposeAsync();
        // the last alerts still go out on the way down
        await _alerts.FlushAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        var total = Board.Symbols.Sum(s => Board.Read(s, (flow, _) => flow.Trades));
        BotLog.Stopped(_logger, total);
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
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifetime.StopAndWaitAsync("disposed", TimeSpan.FromSeconds(15), _time);

        await _alerts.DisposeAsync();
        _health.Dispose();
        _http.Dispose();
        _lifetime.Dispose();
    }
}
