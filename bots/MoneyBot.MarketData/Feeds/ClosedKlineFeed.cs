using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Common.Resilience;
using MoneyBot.MarketData.Models;
using MoneyBot.MarketData.Rest;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.MarketData.Feeds;

/// <summary>
/// Closed klines of one symbol and interval, strictly in open-time order, without gaps or duplicates:
/// the stream's closed klines, with every missed stretch (after a restart, a reconnection, dropped
/// messages, or a jump in open times) fetched by REST first. REST failures are retried with the
/// shared backoff policy until they succeed; a stretch the exchange itself has no klines for is
/// logged and counted, never papered over.
/// </summary>
public sealed partial class ClosedKlineFeed
{
    private readonly BinanceRestClient _rest;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly BackoffPolicy _retry;
    private readonly Func<double> _random01;
    private long _fromStream;
    private long _backfilled;
    private long _duplicates;
    private long _holes;
    private long _backfillFailures;

    /// <summary>
    /// Creates a feed for <paramref name="symbol"/> klines of <paramref name="interval"/> on <paramref name="market"/>.
    /// </summary>
    /// <param name="rest">Client for the backfills.</param>
    /// <param name="market">Spot or USD-M futures.</param>
    /// <param name="symbol">Symbol ("BTCUSDT").</param>
    /// <param name="interval">Kline interval.</param>
    /// <param name="logger">Where backfills and failures go.</param>
    /// <param name="timeProvider">Clock for retry delays.</param>
    /// <param name="retry">Delays between failed backfills; <see cref="BackoffPolicy.Default"/> by default.</param>
    /// <param name="random01">Jitter source in [0, 1).</param>
    public ClosedKlineFeed(
        BinanceRestClient rest,
        Market market,
        string symbol,
        KlineInterval interval,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        BackoffPolicy? retry = null,
        Func<double>? random01 = null
    )
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (interval.Name is null)
        {
            throw new ArgumentException("Give a kline interval (KlineInterval.Parse(\"3m\")).", nameof(interval));
        }

        _rest = rest;
        Market = market;
        Symbol = symbol.ToUpperInvariant();
        Interval = interval;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _retry = retry ?? BackoffPolicy.Default;
        _random01 = random01 ?? Random.Shared.NextDouble;
    }

    /// <summary>The market.</summary>
    public Market Market { get; }

    /// <summary>The symbol, upper case.</summary>
    public string Symbol { get; }

    /// <summary>The interval.</summary>
    public KlineInterval Interval { get; }

    /// <summary>The stream to subscribe for this feed ("btcusdt@kline_3m").</summary>
    public string StreamName => StreamNames.Kline(Symbol, Interval);

    /// <summary>Counters so far.</summary>
    public ClosedKlineFeedCounters Counters =>
        new(
            Interlocked.Read(ref _fromStream),
            Interlocked.Read(ref _backfilled),
            Interlocked.Read(ref _duplicates),
            Interlocked.Read(ref _holes),
            Interlocked.Read(ref _backfillFailures)
        );

    /// <summary>Stream options for this feed's kline stream at <paramref name="endpoints"/>.</summary>
    public BinanceStreamOptions StreamOptions(MarketDataEndpoints endpoints) =>
        BinanceStreamOptions.For(endpoints, Market, StreamName);

    /// <summary>
    /// Closed klines after <paramref name="lastOpenTime"/>, in order: first those missed since then
    /// (by REST), then the stream's, with gaps filled as they show. Ends when <paramref name="source"/> ends.
    /// </summary>
    /// <param name="source">Messages of a stream subscribed to <see cref="StreamName"/> (others are ignored).</param>
    /// <param name="lastOpenTime">Open time of the last kline already processed (saved state); null to start with the
    /// stream.</param>
    /// <param name="cancellationToken">Stops reading (and any backfill retry).</param>
    public async IAsyncEnumerable<Kline> ReadAsync(
        IAsyncEnumerable<StreamMessage> source,
        DateTimeOffset? lastOpenTime,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(source);
        var last = lastOpenTime;
        if (last is { } resume)
        {
            foreach (var kline in await BackfillAsync(resume, null, "start", cancellationToken))
            {
                last = kline.OpenTime;
                yield return kline;
            }
        }

        await foreach (var message in source.WithCancellation(cancellationToken))
        {
            IReadOnlyList<Kline> batch = message switch
            {
                KlineMessage { Event.Kline: { IsClosed: true } kline } when IsOurs(kline) => await AcceptAsync(
                    kline,
                    last,
                    cancellationToken
                ),
                ReconnectedMessage reconnected when last is { } after => await BackfillAsync(
                    after,
                    null,
                    "reconnected: " + reconnected.Reason,
                    cancellationToken
                ),
                MessagesDroppedMessage dropped when last is { } after => await BackfillAsync(
                    after,
                    null,
                    $"{dropped.Count} messages dropped",
                    cancellationToken
                ),
                _ => [],
            };
            foreach (var kline in batch)
            {
                last = kline.OpenTime;
                yield return kline;
            }
        }
    }

    private bool IsOurs(Kline kline) =>
        string.Equals(kline.Symbol, Symbol, StringComparison.OrdinalIgnoreCase) && kline.Interval == Interval.Name;

    private async Task<IReadOnlyList<Kline>> AcceptAsync(
        Kline kline,
        DateTimeOffset? last,
        CancellationToken cancellationToken
    )
    {
        if (last is { } previous && kline.OpenTime <= previous)
        {
            Interlocked.Increment(ref _duplicates);
            Log.Duplicate(_logger, Symbol, Interval.Name, kline.OpenTime);
            return [];
        }

        Interlocked.Increment(ref _fromStream);
        if (last is not { } before || kline.OpenTime == before + Interval.Duration)
        {
            return [kline];
        }

        // A jump in open times: fetch what lies between, then this one.
        var missing = await BackfillAsync(before, kline.OpenTime, "open times jumped", cancellationToken);
        var expected = before;
        foreach (var filled in missing.Append(kline))
        {
            if (filled.OpenTime != expected + Interval.Duration)
            {
                Interlocked.Increment(ref _holes);
                Log.Hole(_logger, Symbol, Interval.Name, expected + Interval.Duration, filled.OpenTime);
            }

            expected = filled.OpenTime;
        }

        return [.. missing, kline];
    }

    /// <summary>
    /// Closed klines after <paramref name="after"/> and before <paramref name="before"/> (or up to the exchange's
    /// present), retried until REST answers.
    /// </summary>
    private async Task<IReadOnlyList<Kline>> BackfillAsync(
        DateTimeOffset after,
        DateTimeOffset? before,
        string why,
        CancellationToken cancellationToken
    )
    {
        var from = after + Interval.Duration;
        var backoff = new BackoffTracker(_retry, _random01);
        while (true)
        {
            if (before <= from)
            {
                return [];
            }

            if (before is { } until)
            {
                Log.Backfilling(_logger, Symbol, Interval.Name, from, until, why);
            }
            else
            {
                Log.BackfillingToPresent(_logger, Symbol, Interval.Name, from, why);
            }

            var result = await _rest.GetClosedKlinesAsync(Market, Symbol, Interval, from, before, cancellationToken);
            if (result.Ok)
            {
                Interlocked.Add(ref _backfilled, result.Value.Count);
                Log.Backfilled(_logger, Symbol, Interval.Name, result.Value.Count);
                return result.Value;
            }

            Interlocked.Increment(ref _backfillFailures);
            var delay = backoff.NextDelay(TimeSpan.Zero);
            if (result.RetryAfter is { } wait && wait > delay)
            {
                delay = wait; // the exchange asked for a longer pause (rate limit)
            }

            Log.BackfillFailed(
                _logger,
                Symbol,
                Interval.Name,
                result.Failure,
                result.Description ?? "no description",
                delay
            );
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "{Symbol} {Interval} klines: backfilling from {From:O} until {Until:O} by REST ({Why})"
        )]
        public static partial void Backfilling(
            ILogger logger,
            string symbol,
            string interval,
            DateTimeOffset from,
            DateTimeOffset until,
            string why
        );

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "{Symbol} {Interval} klines: backfilling from {From:O} to the present by REST ({Why})"
        )]
        public static partial void BackfillingToPresent(
            ILogger logger,
            string symbol,
            string interval,
            DateTimeOffset from,
            string why
        );

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "{Symbol} {Interval} klines: backfilled {Count} closed klines"
        )]
        public static partial void Backfilled(ILogger logger, string symbol, string interval, int count);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "{Symbol} {Interval} klines: backfill failed ({Failure}: {Reason}); retrying in {Delay}"
        )]
        public static partial void BackfillFailed(
            ILogger logger,
            string symbol,
            string interval,
            RestFailure failure,
            string reason,
            TimeSpan delay
        );

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "{Symbol} {Interval} klines: the exchange has no klines from {From:O} until {Next:O}; the "
                + "gap stays a gap"
        )]
        public static partial void Hole(
            ILogger logger,
            string symbol,
            string interval,
            DateTimeOffset from,
            DateTimeOffset next
        );

        [LoggerMessage(
            Level = LogLevel.Debug,
            Message = "{Symbol} {Interval} klines: ignored duplicate kline opening at {OpenTime:O}"
        )]
        public static partial void Duplicate(ILogger logger, string symbol, string interval, DateTimeOffset openTime);
    }
}
