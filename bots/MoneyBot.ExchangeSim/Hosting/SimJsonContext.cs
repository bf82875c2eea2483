using System.Text.Json.Serialization;
using MoneyBot.ExchangeSim.Faults;
using MoneyBot.ExchangeSim.Streams;

namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>
/// Source-generated JSON for the control API and client requests (the market wire JSON is hand-written).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull
)]
[JsonSerializable(typeof(SimulatorStatus))]
[JsonSerializable(typeof(FaultResult))]
[JsonSerializable(typeof(ControlProblem))]
[JsonSerializable(typeof(ClientRequest))]
internal sealed partial class SimJsonContext : JsonSerializerContext;
