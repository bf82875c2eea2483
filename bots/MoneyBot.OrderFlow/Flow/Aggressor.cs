namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// Who crossed the spread: the BUYER when the aggTrade's <c>m</c> (buyer is maker) is false, the
/// SELLER when it is true.
/// </summary>
public enum Aggressor : byte
{
    /// <summary>An aggressive buy (lifted the ask).</summary>
    Buy,

    /// <summary>An aggressive sell (hit the bid).</summary>
    Sell,
}
