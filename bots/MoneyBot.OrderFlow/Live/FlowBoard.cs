using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// The metrics of every symbol, shared between the one writer (the feed) and any number of readers
/// (the HTTP API, the status line, the whale alerts): each symbol has its own lock, held for one trade
/// or one read. Readers see the metrics at the symbol's "now": the newest trade time, advanced by the
/// wall clock while the feed is stale so that old data ages out (spec section 2).
/// </summary>
public sealed class FlowBoard
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly TimeProvider _time;

    /// <summary>Creates the metrics of <paramref name="symbols"/>.</summary>
    /// <param name="symbols">Symbols, any case; at least one.</param>
    /// <param name="settings">How the metrics are computed.</param>
    /// <param name="staleAfter">No trade for this long (local clock): the symbol is stale.</param>
    /// <param name="time">The local clock.</param>
    public FlowBoard(
        IReadOnlyList<string> symbols,
        FlowSettings settings,
        TimeSpan staleAfter,
        TimeProvider? time = null
    )
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(staleAfter, TimeSpan.Zero);
        if (symbols.Count == 0)
        {
            throw new ArgumentException("Give at least one symbol.", nameof(symbols));
        }

        Settings = settings.Validate();
        StaleAfter = staleAfter;
        _time = time ?? TimeProvider.System;
        _entries = symbols
            .Select(s => s.ToUpperInvariant())
            .Distinct()
            .ToDictionary(s => s, s => new Entry(new SymbolFlow(s, settings)), StringComparer.OrdinalIgnoreCase);
        Symbols = [.. _entries.Keys];
    }

    /// <summary>The symbols, upper case, in the order given.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The metric settings.</summary>
    public FlowSettings Settings { get; }

    /// <summary>No trade for this long: stale.</summary>
    public TimeSpan StaleAfter { get; }

    /// <summary>The upper-case name of a tracked symbol, or null.</summary>
    public string? Canonical(string symbol) => _entries.TryGetValue(symbol, out var entry) ? entry.Flow.Symbol : null;

    /// <summary>
    /// Applies a trade of <paramref name="symbol"/>; <paramref name="receivedAt"/> is its local arrival (null for
    /// backfilled trades, which say nothing about the feed's lag).
    /// </summary>
    public ApplyOutcome Apply(string symbol, in Trade trade, DateTimeOffset? receivedAt)
    {
        var entry = Get(symbol);
        lock (entry.Gate)
        {
            var outcome = entry.Flow.Apply(trade);
            if (receivedAt is { } at && outcome != ApplyOutcome.Duplicate)
            {
                entry.LastReceivedAt = at;
                entry.LastLag = at - DateTimeOffset.FromUnixTimeMilliseconds(trade.TimeMs);
            }
            else if (outcome != ApplyOutcome.Duplicate && entry.LastReceivedAt is null)
            {
                entry.LastReceivedAt = _time.GetUtcNow(); // a startup backfill counts as data received now
            }

            return outcome;
        }
    }

    /// <summary>The id the next trade of <paramref name="symbol"/> should have; null before the first.</summary>
    public long? NextId(string symbol)
    {
        var entry = Get(symbol);
        lock (entry.Gate)
        {
            return entry.Flow.LastId + 1;
        }
    }

    /// <summary>Takes a book snapshot of <paramref name="symbol"/>.</summary>
    public void ApplyBook(string symbol, BookImbalance book)
    {
        var entry = Get(symbol);
        lock (entry.Gate)
        {
            entry.Flow.ApplyBook(book);
        }
    }

    /// <summary>
    /// Records a backfill of <paramref name="symbol"/>: <paramref name="trades"/> fetched, or a failure with its
    /// reason.
    /// </summary>
    public void RecordBackfill(string symbol, long trades, string? failure)
    {
        var entry = Get(symbol);
        lock (entry.Gate)
        {
            if (failure is null)
            {
                entry.Backfills++;
                entry.BackfilledTrades += trades;
            }
            else
            {
                entry.BackfillFailures++;
                entry.LastBackfillError = failure;
            }
        }
    }

    /// <summary>
    /// Reads the metrics of <paramref name="symbol"/> under its lock, at its "now" (see the class summary); <paramref
    /// name="read"/> must not keep the flow.
    /// </summary>
    public T Read<T>(string symbol, Func<SymbolFlow, SymbolFeedStatus, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var entry = Get(symbol);
        lock (entry.Gate)
        {
            return read(entry.Flow, StatusOf(entry));
        }
    }

    /// <summary>The feed status of <paramref name="symbol"/>.</summary>
    public SymbolFeedStatus Status(string symbol) => Read(symbol, (_, status) => status);

    private SymbolFeedStatus StatusOf(Entry entry)
    {
        var flow = entry.Flow;
        var now = _time.GetUtcNow();
        var silence = entry.LastReceivedAt is { } last ? now - last : (TimeSpan?)null;
        var stale = silence is not { } s || s > StaleAfter;
        var nowMs = flow.NewestTradeMs is { } newest
            ? newest + (stale && silence is { } quiet ? (long)quiet.TotalMilliseconds : 0)
            : now.ToUnixTimeMilliseconds();
        return new SymbolFeedStatus(
            flow.Symbol,
            flow.NewestTradeMs,
            entry.LastReceivedAt,
            entry.LastLag,
            stale,
            nowMs,
            flow.CoveredFromMs,
            entry.Backfills,
            entry.BackfilledTrades,
            entry.BackfillFailures,
            entry.LastBackfillError
        );
    }

    private Entry Get(string symbol) =>
        _entries.TryGetValue(symbol, out var entry)
            ? entry
            : throw new KeyNotFoundException(
                $"Symbol '{symbol}' is not tracked; the bot follows {string.Join(", ", Symbols)}."
            );

    private sealed class Entry(SymbolFlow flow)
    {
        public readonly Lock Gate = new();
        public readonly SymbolFlow Flow = flow;
        public DateTimeOffset? LastReceivedAt;
        public TimeSpan? LastLag;
        public long Backfills;
        public long BackfilledTrades;
        public long BackfillFailures;
        public string? LastBackfillError;
    }
}
