namespace MoneyBot.ExchangeSim.Faults;

/// <summary>The answer of <c>POST /sim/faults/&lt;fault&gt;</c>.</summary>
/// <param name="Fault">The fault applied.</param>
/// <param name="Affected">Connections dropped or frames sent (drop, malformed).</param>
/// <param name="Seconds">Duration (stall, refuse).</param>
internal sealed record FaultResult(string Fault, int Affected, double? Seconds);
