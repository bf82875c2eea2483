using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Wire;

namespace MoneyBot.OrderFlow.Replay;

/// <summary>
/// Replays a file of raw stream messages through the same metrics as the live bot, with no network
/// (spec section 6). A metrics line per symbol goes out each time the exchange time (the newest trade
/// time) reaches the next multiple of <see cref="ReplayOptions.Every"/>, taken just before the trade that
/// reaches it, and a last one at the end. A bad line stops the replay with the lines written so far
/// kept (flushed); the error names file and line.
/// </summary>
public sealed class ReplayRunner(ReplayOptions options)
{
    private readonly List<Symbol> _symbols = [];
    private long _lines;
    private long _trades;
    private long _books;
    private long _ignored;
    private long _nextEmitMs = long.MinValue;
    private MetricsLineWriter? _writer;

    /// <summary>The figures so far (complete once <see cref="Run"/> returns).</summary>
    public ReplaySummary Summary
    {
        get
        {
            var counters = _symbols.Select(s => s.Flow.Counters).ToList();
            return new ReplaySummary(
                _lines,
                _trades,
                _books,
                _ignored,
                counters.Sum(c => c.Duplicates),
                counters.Sum(c => c.Gaps),
                counters.Sum(c => c.MissedTrades),
                counters.Sum(c => c.OutOfOrder),
                _writer?.Written ?? 0,
                [.. _symbols.Select(s => s.Flow.Symbol)]
            );
        }
    }

    /// <summary>Runs the replay.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message says which).</exception>
    /// <exception cref="ReplayInputException">A line cannot be read (the message names file:line).</exception>
    /// <exception cref="IOException">The input cannot be read or the output written.</exception>
    public ReplaySummary Run(CancellationToken cancellationToken = default)
    {
        var everyMs = (long)options.Validate().Every.TotalMilliseconds;

        using var input = new LineReader(
            new FileStream(
                options.InputPath,
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read,
                1,
                FileOptions.SequentialScan
            )
        );
        using var output = new FileStream(
            options.OutputPath,
            FileMode.Create,
            FileAccess.Write,
            FileShare.Read,
            1 << 16
        );
        _writer = new MetricsLineWriter(output);
        try
        {
            while (input.TryReadLine(out var line))
            {
                if ((++_lines & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Process(line, input.LineNumber, everyMs);
            }

            foreach (var symbol in _symbols)
            {
                if (symbol.Flow.Trades > symbol.TradesAtLastLine || symbol.Flow.Trades == 0)
                {
                    _writer.Write(symbol.Flow);
                }
            }
        }
        finally
        {
            output.Flush();
        }

        return Summary;
    }

    private void Process(ReadOnlySpan<byte> line, long number, long everyMs)
    {
        if (line.Trim(" \t"u8).IsEmpty)
        {
            _ignored++;
            return;
        }

        switch (AggTradeReader.Read(line, out var trade, out var symbolName, out var error))
        {
            case MessageKind.AggTrade:
                _trades++;
                if (trade.TimeMs >= _nextEmitMs)
                {
                    if (_nextEmitMs != long.MinValue)
                    {
                        EmitLines();
                    }

                    _nextEmitMs = ((trade.TimeMs / everyMs) + 1) * everyMs;
                }

                FlowOf(symbolName).Apply(trade);
                break;
            case MessageKind.Depth:
                _books++;
                ApplyBook(line, number);
                break;
            case MessageKind.Ignored:
                _ignored++;
                break;
            default:
                throw ReplayInputException.At(options.InputPath, number, error ?? "malformed message");
        }
    }

    private void EmitLines()
    {
        foreach (var symbol in _symbols)
        {
            if (symbol.Flow.Trades > symbol.TradesAtLastLine)
            {
                _writer!.Write(symbol.Flow);
                symbol.TradesAtLastLine = symbol.Flow.Trades;
            }
        }
    }

    private SymbolFlow FlowOf(ReadOnlySpan<byte> name)
    {
        foreach (var symbol in _symbols)
        {
            if (name.SequenceEqual(symbol.Utf8))
            {
                return symbol.Flow;
            }
        }

        var added = new Symbol(
            name.ToArray(),
            new SymbolFlow(System.Text.Encoding.UTF8.GetString(name), options.Settings)
        );
        _symbols.Add(added);
        return added.Flow;
    }

    private void ApplyBook(ReadOnlySpan<byte> line, long number)
    {
        // A raw spot depth message carries no symbol: it belongs to the only symbol, when there is one.
        IReadOnlyList<string> known = _symbols.Count == 1 ? [StreamNames.PartialDepth(_symbols[0].Flow.Symbol)] : [];
        if (!StreamMessageParser.TryParse(line, known, DateTimeOffset.UnixEpoch, out var message, out var error))
        {
            throw ReplayInputException.At(
                options.InputPath,
                number,
                error.Contains("without a symbol", StringComparison.Ordinal)
                    ? "a raw depth message names no symbol and the file has several (or none yet): wrap it as "
                        + "{\"stream\":\"<symbol>@depth20@100ms\",\"data\":...}"
                    : error
            );
        }

        if (message is DepthMessage depth)
        {
            var flow = FlowOf(System.Text.Encoding.UTF8.GetBytes(depth.Symbol.ToUpperInvariant()));
            var time = depth.EventTime?.ToUnixTimeMilliseconds() ?? flow.NowMs;
            flow.ApplyBook(
                BookImbalance.From(depth.Book.Bids, depth.Book.Asks, options.Settings.BookLevels, time, null)
            );
        }
    }

    private sealed class Symbol(byte[] utf8, SymbolFlow flow)
    {
        public byte[] Utf8 { get; } = utf8;

        public SymbolFlow Flow { get; } = flow;

        public long TradesAtLastLine { get; set; }
    }
}
