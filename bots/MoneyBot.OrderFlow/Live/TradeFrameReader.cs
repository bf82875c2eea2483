using System.Diagnostics.CodeAnalysis;
using System.Text;
using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Wire;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// The parse step of the live trades stream: each websocket frame goes through <see cref="AggTradeReader"/>, the
/// reader the replay and the benchmark use, straight from the receive buffer into a <see cref="TradeFrame"/>. The
/// symbol is matched against the followed symbols' bytes and given as the board's own string, so a trade allocates
/// nothing. Depth messages and anything else Binance sends that is not an aggTrade are passed over, as in the replay;
/// a frame the reader rejects is malformed, with the reader's reason. Used by one receive loop at a time.
/// </summary>
public sealed class TradeFrameReader : IStreamFrameReader<TradeFrame>
{
    /// <summary>Names of symbols not followed kept for reuse; beyond this many each costs a string.</summary>
    private const int MaxUnknownNames = 32;

    private readonly byte[][] _utf8;
    private readonly string[] _names;
    private readonly List<KeyValuePair<byte[], string>> _unknown = [];

    /// <summary>Reads trades of <paramref name="symbols"/> (the board's names; matched ignoring ASCII case).</summary>
    public TradeFrameReader(IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _names = [.. symbols];
        _utf8 = [.. _names.Select(Encoding.UTF8.GetBytes)];
    }

    /// <inheritdoc/>
    public FrameOutcome Read(
        ReadOnlySpan<byte> frame,
        DateTimeOffset receivedAt,
        [MaybeNull] out TradeFrame message,
        out string? error
    )
    {
        switch (AggTradeReader.Read(frame, out var trade, out var symbol, out error))
        {
            case MessageKind.AggTrade:
                message = Known(symbol) is { } name
                    ? new TradeFrame(TradeFrameKind.Trade, name, trade, receivedAt, null)
                    : new TradeFrame(TradeFrameKind.UnknownSymbol, Unknown(symbol), trade, receivedAt, null);
                return FrameOutcome.Message;
            case MessageKind.Malformed:
                message = default;
                return FrameOutcome.Malformed;
            default:
                message = default; // depth (the book has its own stream), subscription answers, other events
                return FrameOutcome.Skipped;
        }
    }

    /// <inheritdoc/>
    public TradeFrame Notice(StreamMessage notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new TradeFrame(TradeFrameKind.Notice, null, default(Trade), notice.ReceivedAt, notice);
    }

    private string? Known(ReadOnlySpan<byte> symbol)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(symbol, _utf8[i]))
            {
                return _names[i];
            }
        }

        return null;
    }

    private string Unknown(ReadOnlySpan<byte> symbol)
    {
        foreach (var (utf8, name) in _unknown)
        {
            if (symbol.SequenceEqual(utf8))
            {
                return name;
            }
        }

        var added = Encoding.UTF8.GetString(symbol);
        if (_unknown.Count < MaxUnknownNames)
        {
            _unknown.Add(new(symbol.ToArray(), added));
        }

        return added;
    }
}
