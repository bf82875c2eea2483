namespace MoneyBot.ExtGap.Trading;

/// <summary>An open simulated position.</summary>
/// <param name="Side">Long or short.</param>
/// <param name="EntryPrice">Entry price.</param>
/// <param name="EntryTime">Entry time (the detection candle's close, or the next candle's open).</param>
/// <param name="Notional">Size in quote currency.</param>
/// <param name="Quantity">Size in base asset: notional / entry price.</param>
/// <param name="EntryFee">Notional x entry fee rate.</param>
public sealed record Position(
    PositionSide Side,
    decimal EntryPrice,
    DateTimeOffset EntryTime,
    decimal Notional,
    decimal Quantity,
    decimal EntryFee
);
