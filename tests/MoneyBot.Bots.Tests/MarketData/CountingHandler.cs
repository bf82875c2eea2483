namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>Passes requests on to the network and records their URLs.</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock gate = new();
    private readonly List<Uri> requests = [];

    public IReadOnlyList<Uri> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            requests.Add(request.RequestUri!);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
