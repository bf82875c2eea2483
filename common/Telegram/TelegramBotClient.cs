namespace MoneyBot.Common.Telegram;

/// <summary>
/// A small Bot API client: every call is a <see cref="TelegramRequest{TResult}"/> sent through
/// <see cref="SendAsync{T}"/>; the friendly methods are thin wrappers. Expected failures come back
/// as <see cref="TelegramResult{T}"/>s, never as exceptions, and never mention the token.
/// Only a cancellation by the caller throws (<see cref="OperationCanceledException"/>).
/// </summary>
public sealed partial class TelegramBotClient : IDisposable
{
    /// <summary>Telegram's own Bot API server.</summary>
    public static Uri DefaultApiUrl { get; } = new("https://api.telegram.org");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _methodPrefix;
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <summary>Creates a client for one bot.</summary>
    /// <param name="token">The bot's token.</param>
    /// <param name="apiUrl">Base URL of the Bot API (a local Bot API server, a fake in tests); Telegram's by
    /// default.</param>
    /// <param name="httpClient">
    /// An HTTP client to use (not disposed by this client). Its own <see cref="HttpClient.Timeout"/> still
    /// applies, so give it one longer than the longest poll. Do not enable request-URI logging on it:
    /// the URL contains the token. Null: the client creates and owns one.
    /// </param>
    /// <param name="timeProvider">Clock for request deadlines (system clock by default).</param>
    public TelegramBotClient(
        TelegramToken token,
        Uri? apiUrl = null,
        HttpClient? httpClient = null,
        TimeProvider? timeProvider = null
    )
    {
        ArgumentNullException.ThrowIfNull(token);
        Token = token;
        ApiUrl = apiUrl ?? DefaultApiUrl;
        if (!ApiUrl.IsAbsoluteUri || (ApiUrl.Scheme != Uri.UriSchemeHttps && ApiUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException(
                $"The Telegram API URL '{ApiUrl}' must be an absolute http(s) URL, like {DefaultApiUrl}.",
                nameof(apiUrl)
            );
        }

        _methodPrefix = ApiUrl.AbsoluteUri.TrimEnd('/') + "/bot" + token.Value + "/";
        _time = timeProvider ?? TimeProvider.System;
        _ownsHttp = httpClient is null;
        _http = httpClient
            ?? new HttpClient(
                new SocketsHttpHandler
                {
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                }
            )
            {
                Timeout = Timeout.InfiniteTimeSpan, // deadlines are per request, below
            };
    }

    /// <summary>The bot's token (shows itself masked).</summary>
    public TelegramToken Token { get; }

    /// <summary>Base URL of the Bot API.</summary>
    public Uri ApiUrl { get; }

    /// <summary>Deadline of an ordinary call.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra time allowed beyond a long poll's own timeout before it counts as lost.</summary>
    public TimeSpan LongPollGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends one request and reads its answer.</summary>
    public async Task<TelegramResult<T>> SendAsync<T>(
        TelegramRequest<T> request,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var deadline = request.ServerWait > TimeSpan.Zero ? request.ServerWait + LongPollGrace : RequestTimeout;
        using var timeout = new CancellationTokenSource(deadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_methodPrefix + request.MethodName));
            message.Content = request.CreateContent();
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return TelegramResponseReader.Read(
                response.StatusCode,
                response.ReasonPhrase,
                body,
                request.ResponseTypeInfo(),
                Token
            );
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our deadline (or the HttpClient's own timeout), not the caller's cancellation: an expected failure.
            return TelegramResult<T>.Fail(
                TelegramFailure.Timeout,
                $"{request.MethodName}: no answer within {deadline.TotalSeconds:0.#}s"
            );
        }
        catch (HttpRequestException ex)
        {
            return TelegramResult<T>.Fail(
                TelegramFailure.Network,
                Describe(request.MethodName, ex.HttpRequestError.ToString(), ex)
            );
        }
        catch (IOException ex)
        {
            // The connection broke while the answer was being read.
            return TelegramResult<T>.Fail(TelegramFailure.Network, Describe(request.MethodName, "IO", ex));
        }
    }

    /// <summary>Disposes the HTTP client if this client created it. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // Exception messages may carry the request URL, hence the token: only redacted text leaves this class.
    private string Describe(string method, string kind, Exception ex)
    {
        var inner =
            ex.InnerException is { } e && e.Message != ex.Message ? " (" + Token.Redact(e.Message) + ")" : string.Empty;
        return $"{method}: {kind}: {Token.Redact(ex.Message)}{inner}";
    }
}
