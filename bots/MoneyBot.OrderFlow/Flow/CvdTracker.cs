namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// Cumulative volume delta: the running sum of signed quantity (buys +, sells -) since the session
/// anchor, never rebuilt; one-minute bars (open/high/low/close) for 24 h, minutes without trades
/// carried flat; and the least-squares slope of the closes of the last 5 completed bars plus the
/// current one, in quantity per minute.
/// </summary>
internal sealed class CvdTracker
{
    /// <summary>One-minute bars kept: 24 h.</summary>
    public const int BarCapacity = 1440;

    /// <summary>Bars in the slope: 5 completed and the current one.</summary>
    public const int SlopeBars = 6;

    private const long MinuteMs = 60_000;
    private const long DayMs = 86_400_000;
    private readonly CvdBar[] _bars = new CvdBar[BarCapacity];
    private readonly long _anchorMs;
    private int _first;
    private int _count;
    private int _last; // slot of the current (newest) bar

    public CvdTracker(TimeSpan sessionAnchor) => _anchorMs = (long)sessionAnchor.TotalMilliseconds;

    /// <summary>CVD now.</summary>
    public decimal Value { get; private set; }

    /// <summary>Start of the current session (the anchor), Unix ms; null before the first trade.</summary>
    public long? SessionStartMs { get; private set; }

    /// <summary>
    /// Since when <see cref="Value"/> counts: the session start, or the first trade seen when the bot started later.
    /// </summary>
    public long? SinceMs { get; private set; }

    /// <summary>Bars kept.</summary>
    public int BarCount => _count;

    /// <summary>The <paramref name="index"/>-th kept bar, oldest first; the last is the current minute.</summary>
    public CvdBar Bar(int index) => _bars[(_first + index) % BarCapacity];

    /// <summary>
    /// Rolls the bars and the session forward to <paramref name="nowMs"/> (flat bars for minutes without trades).
    /// </summary>
    private void AdvanceTo(long nowMs)
    {
        if (_count == 0)
        {
            return;
        }

        var minute = Floor(nowMs, MinuteMs);
        var lastMinute = _bars[_last].MinuteMs;
        if (minute <= lastMinute)
        {
            return;
        }

        // More than a day of silence: only the last day of flat minutes is kept anyway.
        var from = Math.Max(lastMinute + MinuteMs, minute - ((BarCapacity - 1) * MinuteMs));
        for (var m = from; m <= minute; m += MinuteMs)
        {
            StartSessionIfDue(m);
            Push(new CvdBar(m, Value, Value, Value, Value));
        }
    }

    /// <summary>
    /// Adds one trade at <paramref name="timeMs"/> (not earlier than the last): +quantity for a buy, -quantity for a
    /// sell.
    /// </summary>
    public void Apply(long timeMs, decimal signedQuantity)
    {
        if (_count == 0)
        {
            SessionStartMs = SessionOf(timeMs);
            SinceMs = timeMs;
            Push(new CvdBar(Floor(timeMs, MinuteMs), 0, 0, 0, 0));
        }
        else if (timeMs >= _bars[_last].MinuteMs + MinuteMs)
        {
            AdvanceTo(timeMs); // a later minute than the current bar's: new minutes, maybe a new session
        }

        Value += signedQuantity;
        ref var bar = ref _bars[_last];
        bar = new CvdBar(
            bar.MinuteMs,
            bar.Open,
            Value > bar.High ? Value : bar.High,
            Value < bar.Low ? Value : bar.Low,
            Value
        );
    }

    /// <summary>
    /// CVD at <paramref name="nowMs"/> (not before the last trade): 0 once a new session began since.
    /// </summary>
    public decimal ValueAt(long nowMs) => SessionStartMs is { } session && SessionOf(nowMs) > session ? 0m : Value;

    /// <summary>Since when the CVD at <paramref name="nowMs"/> counts (see <see cref="SinceMs"/>).</summary>
    public long? SinceAt(long nowMs) =>
        SessionStartMs is { } session && SessionOf(nowMs) > session ? SessionOf(nowMs) : SinceMs;

    /// <summary>
    /// The newest <paramref name="most"/> bars of the session at <paramref name="nowMs"/> (not before the last trade),
    /// oldest first: as in the slope, a bar of an earlier session does not count, so once a new session began after
    /// the last trade (<see cref="ValueAt"/> reads 0) there are none.
    /// </summary>
    public IReadOnlyList<CvdBar> SessionBars(long nowMs, int most)
    {
        var session = SessionOf(nowMs);
        var count = 0;
        while (count < most && count < _count && SessionOf(Bar(_count - 1 - count).MinuteMs) == session)
        {
            count++;
        }

        var bars = new CvdBar[count];
        for (var i = 0; i < count; i++)
        {
            bars[i] = Bar(_count - count + i);
        }

        return bars;
    }

    /// <summary>
    /// The least-squares slope at <paramref name="nowMs"/> (not before the last trade) over the closes of
    /// the last 5 completed minutes and the current one, minutes without trades counted flat; null while
    /// fewer than 6 minutes are covered.
    /// </summary>
    public decimal? Slope(long nowMs)
    {
        var minute = Floor(nowMs, MinuteMs);
        if (_count == 0 || Bar(0).MinuteMs > minute - ((SlopeBars - 1) * MinuteMs))
        {
            return null;
        }

        // Least squares over x = 0..5: sum((x - 2.5) * y) / sum((x - 2.5)^2) = (-5y0 - 3y1 - y2 + y3 + 3y4 + 5y5) / 35.
        ReadOnlySpan<int> weights = [-5, -3, -1, 1, 3, 5];
        var lastMinute = Bar(_count - 1).MinuteMs;
        var sum = 0m;
        for (var i = 0; i < SlopeBars; i++)
        {
            var m = minute - ((SlopeBars - 1 - i) * MinuteMs);
            var bar = m >= lastMinute ? Bar(_count - 1) : Bar(_count - 1 - (int)((lastMinute - m) / MinuteMs));
            var close = SessionOf(m) > SessionOf(bar.MinuteMs) ? 0m : bar.Close;
            sum += weights[i] * close;
        }

        return sum / 35m;
    }

    private void StartSessionIfDue(long minuteMs)
    {
        var session = SessionOf(minuteMs);
        if (session > SessionStartMs)
        {
            SessionStartMs = session;
            SinceMs = session;
            Value = 0;
        }
    }

    private long SessionOf(long timeMs) => Floor(timeMs - _anchorMs, DayMs) + _anchorMs;

    private void Push(CvdBar bar)
    {
        if (_count < BarCapacity)
        {
            _last = (_first + _count) % BarCapacity;
            _count++;
        }
        else
        {
            _last = _first;
            _first = (_first + 1) % BarCapacity;
        }

        _bars[_last] = bar;
    }

    private static long Floor(long value, long unit) =>
        value >= 0 ? value / unit * unit : ((value - unit + 1) / unit) * unit;
}
