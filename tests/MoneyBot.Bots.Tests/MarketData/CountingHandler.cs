namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>Passes requests on to the network and records their URLs.</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _gate = new();
    private readonly List<Uri> _requests = [];

    public IReadOnlyList<Uri> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        lock (_gate)
        {
            _requests.Add(request.RequestUri!);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
