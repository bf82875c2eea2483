using System.Net;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>
/// An HTTP handler that answers every request with one canned response, and records the URLs asked for.
/// </summary>
public sealed class CannedHandler(HttpStatusCode status, string body, Action<HttpResponseMessage>? shape = null)
    : HttpMessageHandler
{
    public List<Uri> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        Requests.Add(request.RequestUri!);
        var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        shape?.Invoke(response);
        return Task.FromResult(response);
    }
}
