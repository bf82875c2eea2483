using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MoneyBot.Bots.Tests.ExchangeSim;

/// <summary>A raw websocket client for the tests: text frames in, nothing hidden.</summary>
internal sealed class StreamClient : IAsyncDisposable
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(5);
    private readonly ClientWebSocket _socket = new();

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<StreamClient> ConnectAsync(Uri url)
    {
        var client = new StreamClient();
        client._socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(ReceiveTimeout);
        await client._socket.ConnectAsync(url, timeout.Token);
        return client;
    }

    /// <summary>
    /// Tries to connect and returns the HTTP status of the refusal (fails if the connection is accepted).
    /// </summary>
    public static async Task<HttpStatusCode> RefusalStatusAsync(Uri url)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(ReceiveTimeout);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, timeout.Token));
        return socket.HttpStatusCode;
    }

    /// <summary>
    /// True when the socket ends (close frame or dropped connection) before any further message arrives.
    /// </summary>
    public async Task<bool> EndsAsync()
    {
        try
        {
            return await ReceiveTextAsync() is null;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    /// <summary>The next text message, or null when the server closed the socket.</summary>
    public async Task<string?> ReceiveTextAsync()
    {
        using var timeout = new CancellationTokenSource(ReceiveTimeout);
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    public async Task<JsonElement> ReceiveJsonAsync()
    {
        var text = await ReceiveTextAsync() ?? throw new InvalidOperationException("The server closed the socket.");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Receives messages until one matches; all of them (the match last) go to <paramref name="seen"/>.
    /// </summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match, List<JsonElement>? seen = null)
    {
        while (true)
        {
            var message = await ReceiveJsonAsync();
            seen?.Add(message);
            if (match(message))
            {
                return message;
            }
        }
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(
            Encoding.UTF8.GetBytes(text),
            WebSocketMessageType.Text,
            endOfMessage: true,
            CancellationToken.None
        );

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
