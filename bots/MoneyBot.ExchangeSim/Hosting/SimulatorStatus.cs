namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>What <c>GET /sim/status</c> reports.</summary>
/// <param name="Now">Simulated time now.</param>
/// <param name="ProcessedUntil">Simulated time up to which trades have been generated and published.</param>
/// <param name="Start">Simulated time at start.</param>
/// <param name="Speed">Simulated seconds per real second.</param>
/// <param name="Seed">Seed of the random processes.</param>
/// <param name="Symbols">Per symbol.</param>
/// <param name="Connections">Open websockets.</param>
/// <param name="ConnectionsAccepted">Websockets accepted since start.</param>
/// <param name="MessagesSent">Websocket messages sent.</param>
/// <param name="MessagesSuppressed">Messages not sent because of a stall.</param>
/// <param name="SlowConnectionsDropped">Websockets dropped because they could not keep up.</param>
/// <param name="StallSecondsLeft">Real seconds of stall left (0: none).</param>
/// <param name="RefuseSecondsLeft">Real seconds of refusal left (0: none).</param>
/// <param name="TradesSkipped">AggTrades of all symbols withheld from the websockets by the skip-trades fault.</param>
public sealed record SimulatorStatus(
    DateTimeOffset Now,
    DateTimeOffset ProcessedUntil,
    DateTimeOffset Start,
    double Speed,
    int Seed,
    IReadOnlyList<SymbolStatus> Symbols,
    int Connections,
    long ConnectionsAccepted,
    long MessagesSent,
    long MessagesSuppressed,
    long SlowConnectionsDropped,
    double StallSecondsLeft,
    double RefuseSecondsLeft,
    long TradesSkipped
);
