namespace MoneyBot.Bots.Tests.Infrastructure;

/// <summary>The fake clocks the bots' tests start from.</summary>
internal static class Clocks
{
    /// <summary>2025-11-21T12:00:00Z: a whole minute, hour and day boundary away from nothing in particular.</summary>
    public static readonly DateTimeOffset Noon = new(2025, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>2030-01-01T00:00:00Z: the simulator's tests, far from any real market data.</summary>
    public static readonly DateTimeOffset Year2030 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <see cref="Noon"/>.</summary>
    public static TestClock AtNoon() => new(Noon);

    /// <summary>A fake clock at <see cref="Year2030"/>.</summary>
    public static TestClock In2030() => new(Year2030);
}
