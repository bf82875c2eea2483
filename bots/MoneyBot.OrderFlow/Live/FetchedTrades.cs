using System.Diagnostics.CodeAnalysis;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>What a REST backfill brought: the trades, oldest first, or why it failed.</summary>
/// <param name="Trades">The trades fetched (empty on failure).</param>
/// <param name="Failure">Why the fetch failed; null on success.</param>
internal sealed record FetchedTrades(IReadOnlyList<Trade> Trades, string? Failure)
{
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Ok => Failure is null;

    public static FetchedTrades Failed(string failure) => new([], failure);
}
