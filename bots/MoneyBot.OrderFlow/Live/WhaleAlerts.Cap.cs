namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// The message cap: at most <see cref="MaxMessagesPerMinute"/> alerts in any minute. The first burst past
/// the cap starts a minute of holding back; every burst of that minute goes into one tally per symbol,
/// sent as one message when the minute is over (that message counts towards the cap too).
/// </summary>
public sealed partial class WhaleAlerts
{
    // A message may go out when none is held back and fewer than the cap went out in the last minute. Under the lock.
    private bool TryTakeSlot()
    {
        var now = _time.GetTimestamp();
        while (_sentAt.Count > 0 && _time.GetElapsedTime(_sentAt.Peek(), now) >= RateWindow)
        {
            _sentAt.Dequeue();
        }

        if (_releaseHeld is not null || _sentAt.Count >= MaxMessagesPerMinute)
        {
            return false;
        }

        _sentAt.Enqueue(now);
        return true;
    }

    // Adds the burst to the held-back tally; the first one held starts the minute after which the tally goes out. Under
    // the lock.
    private void Hold(WhaleBurst burst)
    {
        _burstsHeld++;
        if (!_held.TryGetValue(burst.Symbol, out var tally))
        {
            tally = new WhaleBurst(burst.Symbol, 0);
            _held.Add(burst.Symbol, tally);
        }

        tally.Merge(burst);
        if (_releaseHeld is null)
        {
            WhaleAlertLog.Holding(_logger, MaxMessagesPerMinute, RateWindow);
            _releaseHeld = _time.CreateTimer(_ => ReleaseHeld(), null, RateWindow, Timeout.InfiniteTimeSpan);
        }
    }

    // The minute of holding back is over (or a flush): one message sums up what was held.
    private void ReleaseHeld()
    {
        WhaleBurst[] tallies;
        int heldBursts;
        int heldTrades;
        lock (_gate)
        {
            if (_disposed || _held.Count == 0)
            {
                return;
            }

            tallies = [.. _held.Values];
            heldBursts = tallies.Sum(t => t.Bursts);
            heldTrades = tallies.Sum(t => t.Count);
            _held.Clear();
            _releaseHeld?.Dispose();
            _releaseHeld = null;
            _sentAt.Enqueue(_time.GetTimestamp());
            _messages++;
        }

        WhaleAlertLog.HeldReleased(_logger, heldBursts, heldTrades);
        Send(WhaleAlertTexts.Held(tallies, MaxMessagesPerMinute, DefaultMaxListedTrades));
    }
}
