namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// One partial depth stream of a symbol, and the id its next USD-M futures message continues from. Used by the pump
/// only (one thread).
/// </summary>
/// <param name="name">The canonical stream name.</param>
/// <param name="levels">5, 10 or 20.</param>
/// <param name="updateMs">100, 500, or 0 for the default speed (about once a second).</param>
internal sealed class DepthStream(string name, int levels, int updateMs)
{
    public string Name { get; } = name;

    public int Levels { get; } = levels;

    public int UpdateMs { get; } = updateMs;

    /// <summary>
    /// <c>u</c> of the last <c>depthUpdate</c> written for this stream: the next one's <c>pu</c>. Null before the
    /// first.
    /// </summary>
    public long? LastFinalUpdateId { get; set; }
}
