using System.Net.WebSockets;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>An item of a connection's send queue: a text message, or a request to close.</summary>
internal readonly record struct Outgoing(
    byte[]? Payload,
    WebSocketCloseStatus? CloseStatus = null,
    string? CloseReason = null
);
