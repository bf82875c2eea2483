using System.Globalization;
using System.Text.Json.Nodes;

namespace MoneyBot.TestSupport.Telegram;

/// <summary>
/// Failure injection: planned errors (for a number of calls or for a while), raw answers, delays, token rejection,
/// and a getUpdates that answers at once instead of long-polling.
/// </summary>
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
    private bool _instantUpdates;

    /// <summary>
    /// True: getUpdates answers at once with whatever is waiting (usually nothing) whatever its <c>timeout</c>, as a
    /// misbehaving server or proxy does; false (the default): it long-polls like Telegram.
    /// </summary>
    public bool InstantUpdates
    {
        get
        {
            lock (_gate)
            {
                return _instantUpdates;
            }
        }
        set
        {
            lock (_gate)
            {
                _instantUpdates = value;
            }
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> calls of <paramref name="method"/> (only those for <paramref name="chatId"/>,
    /// if given, and whose text contains <paramref name="text"/>, if given)
    /// fail with <paramref name="statusCode"/> and a Bot API error body; a 429 carries <c>parameters.retry_after</c>.
    /// </summary>
    public void FailNext(
        string method,
        int statusCode,
        int? retryAfter = null,
        int count = 1,
        string? chatId = null,
        string? description = null,
        string? text = null
    ) => Fail(method, statusCode, retryAfter, count, null, chatId, description, text);

    /// <summary>
    /// Every call of <paramref name="method"/> in the next <paramref name="duration"/> (real time) fails with
    /// <paramref name="statusCode"/> and a Bot API error body, as <see cref="FailNext"/> describes.
    /// </summary>
    public void FailFor(string method, int statusCode, TimeSpan duration, string? description = null) =>
        Fail(method, statusCode, null, int.MaxValue, DateTimeOffset.UtcNow + duration, null, description, null);

    /// <summary>Ends the failures planned for <paramref name="method"/>.</summary>
    public void StopFailing(string method)
    {
        lock (_gate)
        {
            _planned.RemoveAll(p => p.Method == method);
        }
    }

    private void Fail(
        string method,
        int statusCode,
        int? retryAfter,
        int count,
        DateTimeOffset? until,
        string? chatId,
        string? description,
        string? text
    )
    {
        var parameters = retryAfter is { } seconds ? new JsonObject { ["retry_after"] = seconds } : null;
        var reason = description
            ?? statusCode switch
            {
                429 => string.Create(CultureInfo.InvariantCulture, $"Too Many Requests: retry after {retryAfter ?? 1}"),
                400 => "Bad Request: chat not found",
                401 => "Unauthorized",
                403 => "Forbidden: bot was blocked by the user",
                409 => "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
                    + "running",
                _ => "Internal Server Error",
            };
        AddPlan(
            new PlannedAnswer(method, chatId, statusCode, ErrorBody(statusCode, reason, parameters), count)
            {
                Until = until,
                Text = text,
            }
        );
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
            var text = fields.GetValueOrDefault("text");
            _planned.RemoveAll(p => p.Until < DateTimeOffset.UtcNow);
            var plan = _planned.FirstOrDefault(p =>
                p.Method == method
                && (p.ChatId is null || p.ChatId == chat)
                && (p.Text is null || text?.Contains(p.Text, StringComparison.Ordinal) == true)
            );
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

        /// <summary>Real time after which the plan no longer applies; null: until its count is used up.</summary>
        public DateTimeOffset? Until { get; init; }

        /// <summary>Applies only to calls whose text contains this; null: to all.</summary>
        public string? Text { get; init; }
    }
}
