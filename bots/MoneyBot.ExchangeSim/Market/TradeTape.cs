namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// The trades of one symbol in id order (which is also time order), in chunks small enough to stay
/// off the large object heap. Ids are consecutive: the id of a trade is <see cref="FirstId"/> plus
/// its position. Old chunks are dropped by <see cref="PruneBefore"/>. Not thread-safe.
/// </summary>
internal sealed class TradeTape(long firstId)
{
    private const int ChunkSize = 2048;
    private readonly List<TapeTrade[]> _chunks = [];
    private long _firstIndex; // global position of chunks[0][0]
    private long _count; // trades ever appended

    /// <summary>Id of the oldest trade kept.</summary>
    public long FirstId => firstId + _firstIndex;

    /// <summary>Id the next appended trade gets.</summary>
    public long NextId => firstId + _count;

    /// <summary>Trades currently kept.</summary>
    public long Count => _count - _firstIndex;

    /// <summary>Trades ever appended.</summary>
    public long TotalAppended => _count;

    /// <summary>Appends a trade and returns its id.</summary>
    public long Append(in TapeTrade trade)
    {
        var offset = (int)((_count - _firstIndex) % ChunkSize);
        if (offset == 0)
        {
            _chunks.Add(new TapeTrade[ChunkSize]);
        }

        _chunks[^1][offset] = trade;
        return firstId + _count++;
    }

    /// <summary>The trade with an id in [<see cref="FirstId"/>, <see cref="NextId"/>).</summary>
    public TapeTrade Get(long id)
    {
        var position = id - firstId - _firstIndex;
        if (position < 0 || position >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "The trade is not on the tape.");
        }

        return _chunks[(int)(position / ChunkSize)][position % ChunkSize];
    }

    /// <summary>
    /// The id of the first kept trade with time at or after <paramref name="timeMs"/> (<see cref="NextId"/> when none).
    /// </summary>
    public long FirstIdAtOrAfter(long timeMs)
    {
        long lo = FirstId,
            hi = NextId;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Get(mid).Time < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Drops whole chunks whose trades are all older than <paramref name="timeMs"/>.</summary>
    public void PruneBefore(long timeMs)
    {
        while (_chunks.Count > 1 && _chunks[0][ChunkSize - 1].Time < timeMs)
        {
            _chunks.RemoveAt(0);
            _firstIndex += ChunkSize;
        }
    }
}
