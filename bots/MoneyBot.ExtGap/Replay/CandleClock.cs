namespace MoneyBot.ExtGap.Replay;

/// <summary>
/// A replay's clock: "now" is the close time of the candle being replayed, so replays are deterministic.
/// </summary>
public sealed class CandleClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    /// <summary>Moves the clock to a candle's close time.</summary>
    public void Set(DateTimeOffset time) => _now = time;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _now;
}
