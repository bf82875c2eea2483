namespace MoneyBot.ExtGap.Detection;

/// <summary>
/// The bars since the bar that opened the last gap, oldest first, in a fixed ring buffer:
/// appending to a full group evicts the oldest bar. No allocation after construction.
/// </summary>
internal sealed class BarGroup(int capacity)
{
    private readonly GroupBar[] _bars = new GroupBar[capacity];
    private int _head;

    public int Count { get; private set; }

    /// <summary>The bar at <paramref name="index"/>, 0 being the oldest.</summary>
    public ref readonly GroupBar this[int index]
    {
        get
        {
            var i = _head + index;
            return ref _bars[i >= _bars.Length ? i - _bars.Length : i];
        }
    }

    /// <summary>Appends a bar; returns true and the evicted bar when the group was full.</summary>
    public bool Append(in GroupBar bar, out GroupBar evicted)
    {
        if (Count == _bars.Length)
        {
            evicted = _bars[_head];
            _bars[_head] = bar;
            _head = _head + 1 == _bars.Length ? 0 : _head + 1;
            return true;
        }

        evicted = default;
        var tail = _head + Count;
        _bars[tail >= _bars.Length ? tail - _bars.Length : tail] = bar;
        Count++;
        return false;
    }

    /// <summary>Drops bars from the front while their time is at or before <paramref name="time"/>.</summary>
    public void TrimThrough(DateTimeOffset time)
    {
        while (Count > 0 && _bars[_head].Time <= time)
        {
            _head = _head + 1 == _bars.Length ? 0 : _head + 1;
            Count--;
        }
    }

    /// <summary>Highest low and lowest high; on ties the <b>latest</b> bar holding the value.</summary>
    public (Candidate Bear, Candidate Bull) ExtremesLatestOnTies()
    {
        ref readonly var first = ref this[0];
        var bear = new Candidate(first.Low, first.Time);
        var bull = new Candidate(first.High, first.Time);
        for (var i = 1; i < Count; i++)
        {
            ref readonly var bar = ref this[i];
            if (bar.Low >= bear.Value)
            {
                bear = new Candidate(bar.Low, bar.Time);
            }

            if (bar.High <= bull.Value)
            {
                bull = new Candidate(bar.High, bar.Time);
            }
        }

        return (bear, bull);
    }

    /// <summary>Highest low and lowest high over the whole group (values only).</summary>
    public (decimal MaxLow, decimal MinHigh) Extremes()
    {
        var maxLow = this[0].Low;
        var minHigh = this[0].High;
        for (var i = 1; i < Count; i++)
        {
            ref readonly var bar = ref this[i];
            maxLow = Math.Max(maxLow, bar.Low);
            minHigh = Math.Min(minHigh, bar.High);
        }

        return (maxLow, minHigh);
    }

    /// <summary>
    /// The open time of the earliest bar, the newest excluded, whose low (or high) equals <paramref name="value"/>.
    /// </summary>
    public DateTimeOffset EarliestExcludingNewest(decimal value, bool byLow)
    {
        for (var i = 0; i < Count - 1; i++)
        {
            ref readonly var bar = ref this[i];
            if ((byLow ? bar.Low : bar.High) == value)
            {
                return bar.Time;
            }
        }

        throw new InvalidOperationException($"no bar before the current one holds {value}: the group is inconsistent");
    }

    public GroupBar[] ToArray()
    {
        var copy = new GroupBar[Count];
        for (var i = 0; i < Count; i++)
        {
            copy[i] = this[i];
        }

        return copy;
    }
}
