namespace MoneyBot.ExtGap.Detection;

/// <summary>
/// Detects external gaps on closed candles, exactly as the spec (extgap.md, sections 1-3) and the
/// production bots do, tie rules included. Allocation-free per candle.
/// </summary>
public sealed class GapDetector
{
    /// <summary>The group keeps at most this many bars (the oldest is evicted). Changing it changes results.</summary>
    public const int MaxGroupSize = 500;

    private readonly Timeframe _timeframe;
    private readonly BarGroup _group = new(MaxGroupSize);
    private bool _aligned;
    private DateTimeOffset? _lastOpenTime;
    private Candidate _bear;
    private Candidate _bull;
    private Gap _lastGap;
    private decimal _maxLow;
    private decimal _minHigh;

    /// <summary>A detector for one timeframe, fresh or resumed from <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentException">The state is inconsistent.</exception>
    public GapDetector(Timeframe timeframe, GapDetectorState? state = null)
    {
        _timeframe = timeframe;
        if (state is not null)
        {
            Restore(state);
        }
    }

    /// <summary>True after the first gap.</summary>
    public bool IsInitialized { get; private set; }

    /// <summary>The last gap, if any.</summary>
    public Gap? LastGap => IsInitialized ? _lastGap : null;

    /// <summary>Consecutive gaps of the current polarity.</summary>
    public int Sequence { get; private set; }

    /// <summary>The sequence ended by the last reversal.</summary>
    public int PreviousSequence { get; private set; }

    /// <summary>Bars in the group.</summary>
    public int GroupCount => _group.Count;

    /// <summary>The bear candidate (highest low), once initialized.</summary>
    public Candidate? Bear => IsInitialized ? _bear : null;

    /// <summary>The bull candidate (lowest high), once initialized.</summary>
    public Candidate? Bull => IsInitialized ? _bull : null;

    /// <summary>Open time of the last processed candle.</summary>
    public DateTimeOffset? LastOpenTime => _lastOpenTime;

    /// <summary>Whether <see cref="Process"/> would process this candle (no state change).</summary>
    public CandleAdmission Admit(in Candle candle) =>
        _lastOpenTime is { } last && candle.OpenTime <= last ? CandleAdmission.Duplicate
        : !_aligned && !_timeframe.IsAligned(candle.OpenTime) ? CandleAdmission.NotAligned
        : CandleAdmission.Accepted;

    /// <summary>Processes one closed candle; returns the gap it makes, if any (at most one).</summary>
    public Gap? Process(in Candle candle)
    {
        if (Admit(candle) != CandleAdmission.Accepted)
        {
            return null;
        }

        _aligned = true;
        _lastOpenTime = candle.OpenTime;
        var bar = new GroupBar(candle.OpenTime, candle.High, candle.Low);
        var wasFull = _group.Append(bar, out var evicted);
        return IsInitialized ? DetectNext(candle, bar) : DetectFirst(candle, bar, wasFull, evicted);
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public GapDetectorState Snapshot() =>
        new(_aligned, _lastOpenTime, _group.ToArray(), IsInitialized, Bear, Bull, LastGap, Sequence, PreviousSequence);

    private Gap? DetectFirst(in Candle candle, in GroupBar bar, bool wasFull, in GroupBar evicted)
    {
        TrackExtremes(bar, wasFull, evicted);
        if (_group.Count < 2)
        {
            return null;
        }

        var bearish = candle.High < _maxLow;
        if (!bearish && !(candle.Low > _minHigh))
        {
            return null;
        }

        var level = bearish ? _maxLow : _minHigh;
        var opening = _group.EarliestExcludingNewest(level, byLow: bearish);
        var size = _group.Count;

        // Rebuild without trimming: start from the current bar, then the bars newer than the opening
        // bar, oldest first, replacing only on strict improvement (current-then-earliest).
        _bear = new Candidate(bar.Low, bar.Time);
        _bull = new Candidate(bar.High, bar.Time);
        for (var i = 0; i < _group.Count; i++)
        {
            ref readonly var b = ref _group[i];
            if (b.Time <= opening)
            {
                continue;
            }

            if (b.Low > _bear.Value)
            {
                _bear = new Candidate(b.Low, b.Time);
            }

            if (b.High < _bull.Value)
            {
                _bull = new Candidate(b.High, b.Time);
            }
        }

        IsInitialized = true;
        Sequence = 1;
        var polarity = bearish ? GapPolarity.Bearish : GapPolarity.Bullish;
        _lastGap = new Gap(
            polarity,
            level,
            opening,
            candle.CloseTime,
            IsFirstGap: true,
            IsReversal: false,
            Sequence,
            size
        );
        return _lastGap;
    }

    private Gap? DetectNext(in Candle candle, in GroupBar bar)
    {
        // Strict improvement only: on ties the earlier bar stays.
        if (bar.Low > _bear.Value)
        {
            _bear = new Candidate(bar.Low, bar.Time);
        }

        if (bar.High < _bull.Value)
        {
            _bull = new Candidate(bar.High, bar.Time);
        }

        var bearish = candle.High < _bear.Value;
        if (!bearish && !(candle.Low > _bull.Value))
        {
            return null;
        }

        var broken = bearish ? _bear : _bull;
        var polarity = bearish ? GapPolarity.Bearish : GapPolarity.Bullish;
        var reversal = polarity != _lastGap.Polarity;
        if (reversal)
        {
            PreviousSequence = Sequence;
            Sequence = 1;
        }
        else
        {
            Sequence++;
        }

        var size = _group.Count;
        _group.TrimThrough(broken.Time);
        if (_group.Count > 0)
        {
            (_bear, _bull) = _group.ExtremesLatestOnTies();
        }

        _lastGap = new Gap(
            polarity,
            broken.Value,
            broken.Time,
            candle.CloseTime,
            IsFirstGap: false,
            reversal,
            Sequence,
            size
        );
        return _lastGap;
    }

    /// <summary>
    /// Before the first gap: keeps max(lows) / min(highs) of the group, rescanning only when a holder is evicted.
    /// </summary>
    private void TrackExtremes(in GroupBar bar, bool wasFull, in GroupBar evicted)
    {
        if (_group.Count == 1)
        {
            (_maxLow, _minHigh) = (bar.Low, bar.High);
        }
        else if (wasFull && (evicted.Low == _maxLow || evicted.High == _minHigh))
        {
            (_maxLow, _minHigh) = _group.Extremes();
        }
        else
        {
            _maxLow = Math.Max(_maxLow, bar.Low);
            _minHigh = Math.Min(_minHigh, bar.High);
        }
    }

    private void Restore(GapDetectorState state)
    {
        ArgumentNullException.ThrowIfNull(state.Group, nameof(state));
        if (state.Group.Count > MaxGroupSize)
        {
            throw new ArgumentException(
                $"the saved group holds {state.Group.Count} bars, more than {MaxGroupSize}",
                nameof(state)
            );
        }

        if (state.Initialized && (state.Bear is null || state.Bull is null || state.LastGap is null))
        {
            throw new ArgumentException(
                "the saved detector is initialized but has no candidates or last gap",
                nameof(state)
            );
        }

        for (var i = 0; i < state.Group.Count; i++)
        {
            if (i > 0 && state.Group[i].Time <= state.Group[i - 1].Time)
            {
                throw new ArgumentException("the saved group is not in time order", nameof(state));
            }

            _group.Append(state.Group[i], out _);
        }

        (_aligned, _lastOpenTime, IsInitialized) = (state.Aligned, state.LastOpenTime, state.Initialized);
        (Sequence, PreviousSequence) = (state.Sequence, state.PreviousSequence);
        (_bear, _bull, _lastGap) = (
            state.Bear.GetValueOrDefault(),
            state.Bull.GetValueOrDefault(),
            state.LastGap.GetValueOrDefault()
        );
        if (!IsInitialized && _group.Count > 0)
        {
            (_maxLow, _minHigh) = _group.Extremes();
        }
    }
}
