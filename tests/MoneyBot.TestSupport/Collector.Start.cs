using System.Runtime.CompilerServices;

namespace MoneyBot.TestSupport;

/// <summary>Starts <see cref="Collector{T}"/>s.</summary>
public static class Collector
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static Collector<T> Start<T>(IAsyncEnumerable<T> source) => new(source);

    /// <summary>A collector filled by hand with <see cref="Collector{T}.Add"/>.</summary>
    public static Collector<T> Manual<T>() => new(null);

    /// <summary>
    /// Passes <paramref name="source"/> on unchanged, recording each item in <paramref name="record"/>.
    /// </summary>
    public static async IAsyncEnumerable<T> Tee<T>(
        IAsyncEnumerable<T> source,
        Collector<T> record,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            record.Add(item);
            yield return item;
        }
    }
}
