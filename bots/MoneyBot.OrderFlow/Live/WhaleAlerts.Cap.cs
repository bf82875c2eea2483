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
        var now = time.GetTimestamp();
        while (sentAt.Count > 0 && time.GetElapsedTime(sentAt.Peek(), now) >= RateWindow)
        {
            sentAt.Dequeue();
        }

        if (releaseHeld is not null || sentAt.Count >= MaxMessagesPerMinute)
        {
            return false;
        }

        sentAt.Enqueue(now);
        return true;
    }

    // Adds the burst to the held-back tally; the first one held starts the minute after which the tally goes out. Under the lock.
    private void Hold(WhaleBurst burst)
    {
        burstsHeld++;
        if (!held.TryGetValue(burst.Symbol, out var tally))
        {
            tally = new WhaleBurst(burst.Symbol, 0);
            held.Add(burst.Symbol, tally);
        }

        tally.Merge(burst);
        if (releaseHeld is null)
        {
            WhaleAlertLog.Holding(logger, MaxMessagesPerMinute, RateWindow);
            releaseHeld = time.CreateTimer(_ => ReleaseHeld(), null, RateWindow, Timeout.InfiniteTimeSpan);
        }
    }

    // The minute of holding back is over (or a flush): one message sums up what was held.
    private void ReleaseHeld()
    {
        WhaleBurst[] tallies;
        int heldBursts;
        int heldTrades;
        lock (gate)
        {
            if (disposed || held.Count == 0)
            {
                return;
            }

            tallies = [.. held.Values];
            heldBursts = tallies.Sum(t => t.Bursts);
            heldTrades = tallies.Sum(t => t.Count);
            held.Clear();
            releaseHeld?.Dispose();
            releaseHeld = null;
            sentAt.Enqueue(time.GetTimestamp());
            messages++;
        }

        WhaleAlertLog.HeldReleased(logger, heldBursts, heldTrades);
        Send(WhaleAlertTexts.Held(tallies, MaxMessagesPerMinute, DefaultMaxListedTrades));
    }
}
