using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.MarketData.Rest;

/// <summary>
/// One public (unsigned) REST call: its market, path, query and how its answer is read. Every call
/// goes through <see cref="BinanceRestClient.SendAsync{T}"/>.
/// </summary>
/// <typeparam name="TResult">Type of the answer.</typeparam>
public abstract record BinanceRequest<TResult>
{
    /// <summary>Creates a request to <paramref name="market"/>.</summary>
    protected BinanceRequest(Market market) => Market = market;

    /// <summary>The market, which picks the base URL.</summary>
    public Market Market { get; }

    /// <summary>The path below the base URL (<c>/api/v3/klines</c>).</summary>
    public abstract string Path { get; }

    /// <summary>Query parameters in order; null values are left out.</summary>
    public abstract IEnumerable<KeyValuePair<string, string?>> Query();

    /// <summary>
    /// Reads a success answer; throws <see cref="JsonException"/> when the body is not what was expected.
    /// </summary>
    /// <param name="body">The answer's body.</param>
    public abstract TResult ReadAnswer(ReadOnlySpan<byte> body);

    /// <summary>The path with its query string.</summary>
    public string PathAndQuery()
    {
        var text = new StringBuilder(Path);
        var separator = '?';
        foreach (var (name, value) in Query())
        {
            if (value is null)
            {
                continue;
            }

            text.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return text.ToString();
    }

    /// <summary>Reads a JSON body with source-generated metadata; a JSON <c>null</c> is malformed.</summary>
    protected static T ReadJson<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(body, typeInfo) ?? throw new JsonException("the answer is null");

    /// <summary>Epoch milliseconds as a query value.</summary>
    protected static string? Millis(DateTimeOffset? time) =>
        time?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A number as a query value.</summary>
    protected static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
