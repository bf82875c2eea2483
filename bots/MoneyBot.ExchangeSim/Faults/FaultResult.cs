namespace MoneyBot.ExchangeSim.Faults;

/// <summary>The answer of <c>POST /sim/faults/&lt;fault&gt;</c>.</summary>
/// <param name="Fault">The fault applied.</param>
/// <param name="Affected">Connections dropped, frames sent, or trades to be withheld over all symbols (drop, malformed,
/// skip-trades).</param>
/// <param name="Seconds">Duration (stall, refuse).</param>
internal sealed record FaultResult(string Fault, int Affected, double? Seconds);
