namespace MoneyBot.MarketData.Rest;

/// <summary>
/// Binance's public market-data REST API: every call is a <see cref="BinanceRequest{TResult}"/>
/// sent through <see cref="SendAsync{T}"/>; the friendly methods are thin wrappers. Expected
/// failures come back as <see cref="RestResult{T}"/>s; only a cancellation by the caller throws.
/// </summary>
public sealed partial class BinanceRestClient
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client to use (not disposed here). Give it an infinite or long <see
    /// cref="HttpClient.Timeout"/>: deadlines are per request.</param>
    /// <param name="endpoints">Base URLs; Binance's by default.</param>
    /// <param name="timeProvider">Clock for deadlines and for deciding whether a REST kline is closed.</param>
    public BinanceRestClient(
        HttpClient httpClient,
        MarketDataEndpoints? endpoints = null,
        TimeProvider? timeProvider = null
    )
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        Endpoints = (endpoints ?? MarketDataEndpoints.Binance).Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The base URLs in use.</summary>
    public MarketDataEndpoints Endpoints { get; }

    /// <summary>Deadline of one request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends one request and reads its answer.</summary>
    public async Task<RestResult<T>> SendAsync<T>(
        BinanceRequest<T> request,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = MarketDataEndpoints.Join(Endpoints.RestBase(request.Market), request.PathAndQuery());
        using var timeout = new CancellationTokenSource(RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return RestResponseReader.Read(
                request,
                response.StatusCode,
                response.ReasonPhrase,
                response.Headers.RetryAfter,
                body,
                _time.GetUtcNow()
            );
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our deadline (or the HttpClient's own timeout), not the caller's cancellation: an expected failure.
            return RestResult<T>.Fail(
                RestFailure.Timeout,
                $"{request.Path}: no answer within {RequestTimeout.TotalSeconds:0.#}s"
            );
        }
        catch (HttpRequestException ex)
        {
            return RestResult<T>.Fail(RestFailure.Network, $"{request.Path}: {ex.HttpRequestError}: {Describe(ex)}");
        }
        catch (IOException ex)
        {
            // The connection broke while the answer was being read.
            return RestResult<T>.Fail(RestFailure.Network, $"{request.Path}: IO: {Describe(ex)}");
        }
    }

    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && inner.Message != ex.Message ? $"{ex.Message} ({inner.Message})" : ex.Message;
}
