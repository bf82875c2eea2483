namespace MoneyBot.ExtGap.Detection;

/// <summary>What the group keeps of a bar: its open time, high and low.</summary>
/// <param name="Time">The bar's open time.</param>
/// <param name="High">The bar's high.</param>
/// <param name="Low">The bar's low.</param>
public readonly record struct GroupBar(DateTimeOffset Time, decimal High, decimal Low);
