using MoneyBot.Common.Telegram;

namespace MoneyBot.Supervisor.Tests.Telegram;

public sealed class TelegramClientFailureTests : IAsyncLifetime
{
    private FakeTelegramServer _server = null!;
    private TelegramBotClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeTelegramServer.StartAsync();
        _client = TestBot.Client(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task An_api_error_is_a_result_with_its_code_and_description()
    {
        _server.FailNext("sendMessage", 400);

        var result = await _client.SendMessageAsync(42, "x");

        Assert.False(result.Ok);
        Assert.Equal(
            (TelegramFailure.Api, 400, "Bad Request: chat not found"),
            (result.Failure, result.ErrorCode, result.Description)
        );
        Assert.False(result.IsTransient);
    }

    [Fact(Timeout = 30_000)]
    public async Task Flood_control_is_a_result_carrying_retry_after()
    {
        _server.FailNext("sendMessage", 429, retryAfter: 7);

        var result = await _client.SendMessageAsync(42, "x");

        Assert.Equal(TelegramFailure.RateLimited, result.Failure);
        Assert.Equal(429, result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.True(result.IsTransient);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_error_is_a_transient_result()
    {
        _server.FailNext("sendMessage", 502);
        _server.ReplyRawNext("getMe", 503, "<html>Service Unavailable</html>");

        var api = await _client.SendMessageAsync(42, "x");
        var proxy = await _client.GetMeAsync();

        Assert.Equal(
            (TelegramFailure.Api, 502, true, false),
            (api.Failure, api.ErrorCode, api.IsTransient, api.IsNetworkError)
        );
        Assert.Equal((TelegramFailure.Api, 503, true), (proxy.Failure, proxy.ErrorCode, proxy.IsTransient));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rejected_token_is_a_401_result()
    {
        _server.RejectUnknownTokens("1:other");

        var result = await _client.GetMeAsync();

        Assert.Equal(
            (TelegramFailure.Api, 401, "Unauthorized"),
            (result.Failure, result.ErrorCode, result.Description)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_connection_is_a_network_error_result()
    {
        using var closed = new ClosedPort();
        using var offline = TestBot.Client(closed.Url);

        var result = await offline.GetMeAsync();

        Assert.Equal(TelegramFailure.Network, result.Failure);
        Assert.True(result.IsNetworkError && result.IsTransient);
        Assert.Contains("getMe", result.Description, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_does_not_answer_in_time_is_a_timeout_result()
    {
        using var impatient = TestBot.Client(_server, TimeSpan.FromMilliseconds(300));
        _server.Delay("getMe", TimeSpan.FromSeconds(20));

        var result = await impatient.GetMeAsync();

        Assert.Equal(TelegramFailure.Timeout, result.Failure);
        Assert.True(result.IsNetworkError);
    }

    [Fact(Timeout = 30_000)]
    public async Task Malformed_json_is_an_invalid_response_result()
    {
        _server.ReplyRawNext("getMe", 200, "{\"ok\":tru");
        _server.ReplyRawNext("sendMessage", 200, "{\"ok\":true}");

        var garbled = await _client.GetMeAsync();
        var empty = await _client.SendMessageAsync(42, "x");

        Assert.Equal(TelegramFailure.InvalidResponse, garbled.Failure);
        Assert.Equal(TelegramFailure.InvalidResponse, empty.Failure);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cancellation_by_the_caller_throws_instead_of_returning_a_result()
    {
        using var patient = TestBot.Client(_server, TimeSpan.FromSeconds(20));
        _server.Delay("getMe", TimeSpan.FromSeconds(20));
        using var cts = new CancellationTokenSource();

        var call = patient.GetMeAsync(cts.Token);
        await _server.WaitForRequestAsync(r => r.Method == "getMe");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
