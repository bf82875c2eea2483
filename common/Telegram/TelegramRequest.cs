using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// One Bot API call: the method's name, how its parameters travel (JSON or multipart) and how its
/// result is read. Every call goes through <see cref="TelegramBotClient.SendAsync{T}"/>.
/// </summary>
/// <typeparam name="TResult">Type of the <c>result</c> field of the answer.</typeparam>
public abstract record TelegramRequest<TResult>
{
    /// <summary>Creates a request for the Bot API method <paramref name="methodName"/> (e.g. "sendMessage").</summary>
    protected TelegramRequest(string methodName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        MethodName = methodName;
    }

    /// <summary>The Bot API method, the last segment of the URL.</summary>
    [JsonIgnore]
    public string MethodName { get; }

    /// <summary>How long the server may hold the request on purpose (long polling); added to the deadline.</summary>
    [JsonIgnore]
    public virtual TimeSpan ServerWait => TimeSpan.Zero;

    /// <summary>How to read the answer's envelope.</summary>
    public abstract JsonTypeInfo<TelegramResponse<TResult>> ResponseTypeInfo();

    /// <summary>The HTTP body carrying the parameters; a new one on every call (a retry sends a fresh body).</summary>
    public abstract HttpContent CreateContent();

    /// <summary>A UTF-8 JSON body.</summary>
    protected static HttpContent JsonBody<TRequest>(TRequest request, JsonTypeInfo<TRequest> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
