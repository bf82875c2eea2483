namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>Starts <see cref="Collector{T}"/>s.</summary>
public static class Collector
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static Collector<T> Start<T>(IAsyncEnumerable<T> source) => new(source);
}
