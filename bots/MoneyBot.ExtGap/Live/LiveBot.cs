using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Notify;
using MoneyBot.ExtGap.Cli;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.State;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Feeds;
using MoneyBot.MarketData.Rest;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.ExtGap.Live;

/// <summary>
/// <c>extgap run</c>: restores the state, follows the closed klines of one symbol and timeframe (the
/// stream, with every missed stretch fetched by REST first), and for each one runs the
/// <see cref="CandlePipeline"/> (engine, CSV rows, state), the <see cref="TelegramSignals"/> (queued,
/// never blocking) and the <see cref="HealthReporter"/> (notify protocol). Stops cleanly on
/// <see cref="RequestStop"/>, when the supervisor dies, or on a file failure it cannot survive.
/// </summary>
public sealed partial class LiveBot : IAsyncDisposable
{
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly BotLifetime _lifetime = new();
    private readonly HealthReporter _health;
    private readonly TelegramSignals _signals;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan }; // deadlines are per request
    private CandlePipeline? _pipeline;

    /// <summary>Creates the bot; nothing runs before <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message says which).</exception>
    public LiveBot(LiveOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<LiveBot>();
        _health = HealthReporter.ForBot(
            options.NotifySocket,
            options.WatchdogTimeout,
            options.StaleAfter,
            _time,
            _logger,
            options.WatchdogPid
        );
        _signals = new TelegramSignals(
            options.Telegram,
            new Messages(options.Symbol, options.Timeframe, options.Language),
            options.Outbox,
            _time,
            _loggers
        );
    }

    /// <summary>Raised on the candle loop after each processed candle (its rows written and the state saved).</summary>
    public event EventHandler<LiveProgress>? Progressed;

    /// <summary>What this run has done so far.</summary>
    public LiveProgress Progress => Volatile.Read(ref _pipeline)?.Progress ?? LiveProgress.None;

    /// <summary>Why the bot stops, once asked to.</summary>
    public string? StopReason => _lifetime.Reason;

    /// <summary>
    /// Asks the bot to stop (the first reason wins); <see cref="RunAsync"/> then finishes cleanly. Thread-safe.
    /// </summary>
    public void RequestStop(string reason) => _lifetime.Request(reason);

    /// <summary>
    /// Runs until asked to stop; returns the exit code: <see cref="ExitCodes.Success"/> after a clean stop,
    /// <see cref="ExitCodes.Failed"/> when the files cannot be used. Call once.
    /// </summary>
    /// <param name="cancellationToken">Cancelling it is <see cref="RequestStop"/>("cancelled").</param>
    public Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        _lifetime.Start(() => RunCoreAsync(cancellationToken), nameof(LiveBot));

    private async Task<int> RunCoreAsync(CancellationToken cancellationToken)
    {
        await Task.Yield(); // the caller gets its task back before any file or socket work
        using var cancelled = cancellationToken.Register(() => RequestStop("cancelled"));
        var endpoints = _options.Endpoints;
        var (restUrl, streamUrl) = (endpoints.RestBase(_options.Market), endpoints.WebSocketBase(_options.Market));
        LiveLog.Starting(
            _logger,
            _options.Symbol,
            _options.Timeframe.Name,
            _options.Market,
            restUrl,
            streamUrl,
            _options.GapsPath,
            _options.TradesPath,
            _options.StatePath
        );
        CandlePipeline candles;
        try
        {
            candles = CandlePipeline.Open(_options, _time, _loggers.CreateLogger<CandlePipeline>());
        }
        catch (Exception ex)
            when (ex is BotStateException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LiveLog.CannotStart(_logger, ex.Message);
            _health.Stopping();
            return ExitCodes.Failed;
        }

        Volatile.Write(ref _pipeline, candles);
        var lag = new MarketLag(_options.Timeframe.Interval, _health, _loggers.CreateLogger<MarketLag>());
        if (candles.Resumed is { } state)
        {
            lag.Resuming();
            LiveLog.Resumed(
                _logger,
                state.LastCandleOpenTime,
                candles.OpenPosition is { } p ? $"{p.Side} open at {p.EntryPrice}" : "no open position"
            );
        }
        else
        {
            LiveLog.FreshStart(_logger, _options.StatePath);
        }

        _health.Status(candles.Status);
        _signals.Startup(_options.Trading, candles.OpenPosition);
        _signals.StartStatistics(_options.StatisticsInterval, () => candles.Report);
        using var parent = _lifetime.WatchParent(_options.ParentCheckInterval, _time, _logger);
        var feed = new ClosedKlineFeed(
            new BinanceRestClient(_http, endpoints, _time),
            _options.Market,
            _options.Symbol,
            KlineInterval.Parse(_options.Timeframe.Name),
            _loggers.CreateLogger<ClosedKlineFeed>(),
            _time,
            _options.Reconnect
        );
        var stream = new BinanceStream(
            feed.StreamOptions(endpoints) with
            {
                StaleAfter = _options.StaleAfter,
                Reconnect = _options.Reconnect,
            },
            _loggers.CreateLogger<BinanceStream>(),
            _time
        );
        var exit = ExitCodes.Success;
        try
        {
            stream.Start();
            _health.Start(() => stream.Status.LastMessageAt);
            await ReadCandlesAsync(feed, stream, candles, lag, _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.Token.IsCancellationRequested)
        {
            // Asked to stop while waiting for the next candle.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LiveLog.Fatal(_logger, ex.Message, ex);
            RequestStop($"cannot write the files: {ex.Message}");
            exit = ExitCodes.Failed;
        }
        finally
        {
            await ShutdownAsync(stream, candles);
        }

        return exit;
    }

    private async Task ReadCandlesAsync(
        ClosedKlineFeed feed,
        BinanceStream stream,
        CandlePipeline candles,
        MarketLag lag,
        CancellationToken cancellationToken
    )
    {
        var source = Observe(stream.ReadAllAsync(cancellationToken), candles, lag, cancellationToken);
        await foreach (var kline in feed.ReadAsync(source, candles.LastOpenTime, cancellationToken))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break; // a backfilled batch is handed over without a pause: stop between two candles
            }

            var result = candles.Process(kline);
            if (result.Admission != CandleAdmission.Accepted)
            {
                LiveLog.CandleIgnored(_logger, result.Candle.OpenTime, result.Admission);
                continue;
            }

            lag.Processed(result.Candle.OpenTime);
            _health.MarketData();
            _health.Status(candles.Status);
            _signals.Candle(result);
            Log(result);
            Progressed?.Invoke(this, candles.Progress);
        }
    }

    /// <summary>
    /// Passes the stream on, noting market data for READY=1 as it arrives, and whether the market is behind the
    /// state (its klines then say nothing useful: no READY=1, no WATCHDOG=1).
    /// </summary>
    private async IAsyncEnumerable<StreamMessage> Observe(
        IAsyncEnumerable<StreamMessage> source,
        CandlePipeline candles,
        MarketLag lag,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        await foreach (var message in source.WithCancellation(cancellationToken))
        {
            if (
                message is KlineMessage { Event.Kline: var kline }
                && string.Equals(kline.Symbol, _options.Symbol, StringComparison.OrdinalIgnoreCase)
                && kline.Interval == _options.Timeframe.Name
            )
            {
                lag.Kline(kline, candles.LastOpenTime);
            }

            if (message is KlineMessage or AggTradeMessage or DepthMessage)
            {
                _health.MarketData();
            }

            yield return message;
        }
    }
}
