using System.Globalization;
using System.Text.Json.Nodes;

namespace MoneyBot.TestSupport.Telegram;

/// <summary>Failure injection: planned errors, raw answers, delays, token rejection.</summary>
public sealed partial class FakeTelegramServer
{
    private static readonly HashSet<string> KnownMethods =
    [
        "getMe",
        "sendMessage",
        "editMessageText",
        "answerCallbackQuery",
        "getUpdates",
        "setMyCommands",
        "sendDocument",
    ];

    private readonly List<PlannedAnswer> _planned = [];
    private readonly Dictionary<string, TimeSpan> _delays = [];
    private HashSet<string>? _acceptedTokens;

    /// <summary>
    /// The next <paramref name="count"/> calls of <paramref name="method"/> (only those for <paramref name="chatId"/>,
    /// if given)
    /// fail with <paramref name="statusCode"/> and a Bot API error body; a 429 carries <c>parameters.retry_after</c>.
    /// </summary>
    public void FailNext(
        string method,
        int statusCode,
        int? retryAfter = null,
        int count = 1,
        string? chatId = null,
        string? description = null
    )
    {
        var parameters = retryAfter is { } seconds ? new JsonObject { ["retry_after"] = seconds } : null;
        var text = description
            ?? statusCode switch
            {
                429 => string.Create(CultureInfo.InvariantCulture, $"Too Many Requests: retry after {retryAfter ?? 1}"),
                400 => "Bad Request: chat not found",
                401 => "Unauthorized",
                403 => "Forbidden: bot was blocked by the user",
                _ => "Internal Server Error",
            };
        AddPlan(new PlannedAnswer(method, chatId, statusCode, ErrorBody(statusCode, text, parameters), count));
    }

    /// <summary>
    /// The next call of <paramref name="method"/> gets exactly <paramref name="body"/> with <paramref
    /// name="statusCode"/>.
    /// </summary>
    public void ReplyRawNext(string method, int statusCode, string body) =>
        AddPlan(new PlannedAnswer(method, null, statusCode, body, 1));

    /// <summary>
    /// Every later call of <paramref name="method"/> is answered after <paramref name="delay"/> (zero: no delay).
    /// </summary>
    public void Delay(string method, TimeSpan delay)
    {
        lock (_gate)
        {
            _delays[method] = delay;
        }
    }

    /// <summary>From now on, tokens other than <paramref name="tokens"/> get 401 Unauthorized.</summary>
    public void RejectUnknownTokens(params string[] tokens)
    {
        lock (_gate)
        {
            _acceptedTokens = [.. tokens];
        }
    }

    private static string ErrorBody(int code, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject
        {
            ["ok"] = false,
            ["error_code"] = code,
            ["description"] = description,
        };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        return body.ToJsonString();
    }

    private void AddPlan(PlannedAnswer answer)
    {
        lock (_gate)
        {
            _planned.Add(answer);
        }
    }

    /// <summary>How to answer a request: status, a canned body (null: behave normally), a delay.</summary>
    private (int Status, string? Body, TimeSpan Delay) Decide(
        string token,
        string method,
        Dictionary<string, string> fields
    )
    {
        lock (_gate)
        {
            var delay = _delays.GetValueOrDefault(method);
            if (_acceptedTokens is { } accepted && !accepted.Contains(token))
            {
                return (401, ErrorBody(401, "Unauthorized"), delay);
            }

            var chat = fields.GetValueOrDefault("chat_id");
            var plan = _planned.FirstOrDefault(p => p.Method == method && (p.ChatId is null || p.ChatId == chat));
            if (plan is not null)
            {
                plan.Remaining--;
                if (plan.Remaining <= 0)
                {
                    _planned.Remove(plan);
                }

                return (plan.Status, plan.Body, delay);
            }

            return KnownMethods.Contains(method)
                ? (200, null, delay)
                : (404, ErrorBody(404, "Not Found: method not found"), delay);
        }
    }

    private sealed class PlannedAnswer(string method, string? chatId, int status, string body, int count)
    {
        public string Method => method;

        public string? ChatId => chatId;

        public int Status => status;

        public string Body => body;

        public int Remaining { get; set; } = count;
    }
}
