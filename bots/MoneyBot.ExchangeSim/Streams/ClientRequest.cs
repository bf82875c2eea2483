using System.Text.Json;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// A request a client sends on a stream socket: <c>{"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":1}</c>.
/// </summary>
internal sealed record ClientRequest(string? Method, JsonElement? Params, JsonElement? Id);
