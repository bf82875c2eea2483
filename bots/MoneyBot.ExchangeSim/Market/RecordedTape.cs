using System.Globalization;

namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// A recorded day of aggregate trades of one symbol, in the format of Binance's public data dumps
/// (<c>agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]</c>,
/// with or without a header line; times in milliseconds, or in microseconds as the newer spot dumps have them).
/// <see cref="Load"/> reads the whole file once and refuses it at the first bad row, naming the file, the line and
/// what is wrong; <see cref="Open"/> then reads it again, a row at a time, as the market advances.
/// </summary>
public sealed class RecordedTape
{
    private readonly Instrument _instrument;

    private RecordedTape(string path, Instrument instrument, long firstTime, long lastTime, long trades)
    {
        Path = path;
        _instrument = instrument;
        FirstTime = firstTime;
        LastTime = lastTime;
        Trades = trades;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Time of the first recorded trade (Unix ms).</summary>
    public long FirstTime { get; }

    /// <summary>Time of the last recorded trade (Unix ms).</summary>
    public long LastTime { get; }

    /// <summary>How many aggregate trades the file holds.</summary>
    public long Trades { get; }

    /// <summary>Reads and checks the whole recording.</summary>
    /// <exception cref="FormatException">A bad row: the message says <c>file:line: what</c>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RecordedTape Load(string path, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        using var reader = new RowReader(path, instrument);
        if (!reader.Next(out var first, out _))
        {
            throw new FormatException($"{path}: no trade recorded (an empty file, or only a header)");
        }

        var last = first;
        long count = 1;
        while (reader.Next(out var trade, out _))
        {
            last = trade;
            count++;
        }

        return new RecordedTape(path, instrument, first.Time, last.Time, count);
    }

    /// <summary>A source of the recorded trades at or after <paramref name="startMs"/>.</summary>
    internal ITradeSource Open(long startMs) => new Source(new RowReader(Path, _instrument), startMs);

    /// <summary>Walks the file forward; the file stays open while the market lives.</summary>
    private sealed class Source : ITradeSource
    {
        private static readonly TapeTrade End = new(long.MaxValue, 0, 0, 0, 1, false);
        private readonly RowReader _reader;

        public Source(RowReader reader, long startMs)
        {
            _reader = reader;
            TapeTrade? before = null;
            while (Advance() && Pending.Time < startMs)
            {
                before = Pending;
            }

            var reference = before ?? Pending;
            PriceTicksBefore = reference.PriceTicks;
            BidTicks = BidAfter(reference);
        }

        public long PriceTicksBefore { get; }

        public long PendingId { get; private set; }

        public TapeTrade Pending { get; private set; } = End;

        public long BidTicks { get; private set; }

        public TapeTrade Take()
        {
            var trade = Pending;
            BidTicks = BidAfter(trade);
            Advance();
            return trade;
        }

        /// <summary>A sell aggressor prints at the bid; a buy at the ask, one tick above it.</summary>
        private static long BidAfter(in TapeTrade trade) =>
            trade.IsBuyerMaker ? trade.PriceTicks : Math.Max(1, trade.PriceTicks - 1);

        private bool Advance()
        {
            if (_reader.Next(out var trade, out var id))
            {
                (Pending, PendingId) = (trade, id);
                return true;
            }

            (Pending, PendingId) = (End, PendingId + 1);
            return false;
        }
    }

    /// <summary>Reads and checks rows one by one: consecutive ids, times in order, values on the grids.</summary>
    private sealed class RowReader : IDisposable
    {
        private const long MicrosecondsThreshold = 100_000_000_000_000; // later than year 5138 in ms: microseconds
        private readonly StreamReader _reader;
        private readonly string _path;
        private readonly Instrument _instrument;
        private long _line;
        private long? _previousId;
        private long _previousLastTradeId = long.MinValue;
        private long _previousTime = long.MinValue;

        public RowReader(string path, Instrument instrument)
        {
            _path = path;
            _instrument = instrument;
            _reader = new StreamReader(path);
        }

        public void Dispose() => _reader.Dispose();

        public bool Next(out TapeTrade trade, out long id)
        {
            while (_reader.ReadLine() is { } line)
            {
                _line++;
                if (line.Length == 0 || (_line == 1 && char.IsAsciiLetter(line[0])))
                {
                    continue; // the header, or a trailing empty line
                }

                (trade, id) = Parse(line);
                return true;
            }

            (trade, id) = (default, 0);
            return false;
        }

        private (TapeTrade Trade, long Id) Parse(string line)
        {
            var fields = line.Split(',');
            if (fields.Length is not (7 or 8))
            {
                throw Bad(
                    $"{fields.Length} fields; expected agg_trade_id,price,quantity,first_trade_id,last_trade_id,"
                        + "transact_time,is_buyer_maker[,is_best_match]"
                );
            }

            var id = Long(fields[0], "agg_trade_id");
            if (_previousId is { } previous && id != previous + 1)
            {
                throw Bad($"agg_trade_id {id} follows {previous}: the ids must be consecutive (rows missing?)");
            }

            var priceTicks = OnGrid(fields[1], "price", _instrument.TickSize);
            var steps = OnGrid(fields[2], "quantity", _instrument.StepSize);
            var firstTradeId = Long(fields[3], "first_trade_id");
            var lastTradeId = Long(fields[4], "last_trade_id");
            if (lastTradeId < firstTradeId || lastTradeId - firstTradeId >= int.MaxValue)
            {
                throw Bad($"last_trade_id {lastTradeId} is not at or after first_trade_id {firstTradeId}");
            }

            if (firstTradeId <= _previousLastTradeId)
            {
                throw Bad($"first_trade_id {firstTradeId} is not after the previous row's {_previousLastTradeId}");
            }

            var time = Long(fields[5], "transact_time");
            time = time >= MicrosecondsThreshold ? time / 1000 : time;
            if (time < _previousTime)
            {
                throw Bad($"transact_time {fields[5]} is before the previous row's: the rows must be in time order");
            }

            var buyerMaker = Bool(fields[6], "is_buyer_maker");
            if (fields.Length == 8)
            {
                Bool(fields[7], "is_best_match");
            }

            var fills = (int)(lastTradeId - firstTradeId + 1);
            if (steps < fills)
            {
                throw Bad($"quantity {fields[2]} cannot be split over {fills} raw trades (one step each at least)");
            }

            (_previousId, _previousLastTradeId, _previousTime) = (id, lastTradeId, time);
            return (new TapeTrade(time, priceTicks, steps, firstTradeId, fills, buyerMaker), id);
        }

        private long Long(string text, string name) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Bad($"{name} '{text}' is not a whole number");

        private long OnGrid(string text, string name, decimal grid)
        {
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                throw Bad($"{name} '{text}' is not a number");
            }

            var units = value / grid;
            return value <= 0 ? throw Bad($"{name} {text} is not above 0")
                : units != decimal.Truncate(units)
                    ? throw Bad($"{name} {text} is not on the {_instrument.Symbol} grid of {grid}")
                : units > long.MaxValue ? throw Bad($"{name} {text} is too large")
                : (long)units;
        }

        private bool Bool(string text, string name) =>
            bool.TryParse(text, out var value) ? value : throw Bad($"{name} '{text}' is not true or false");

        private FormatException Bad(string what) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{_path}:{_line}: {what}"));
    }
}
