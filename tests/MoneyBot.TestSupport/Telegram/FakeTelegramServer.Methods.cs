using System.Globalization;
using System.Text.Json.Nodes;

namespace MoneyBot.TestSupport.Telegram;

/// <summary>What each Bot API method answers, and the update queue behind getUpdates.</summary>
public sealed partial class FakeTelegramServer
{
    private readonly List<(long Id, JsonObject Update)> _updates = [];
    private TaskCompletionSource _updatesChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextUpdateId = 500;
    private long _nextMessageId = 100;

    /// <summary>Updates queued and not yet confirmed by an offset.</summary>
    public int PendingUpdates
    {
        get
        {
            lock (_gate)
            {
                return _updates.Count;
            }
        }
    }

    /// <summary>Queues an update (its update_id is assigned here and returned).</summary>
    public long EnqueueUpdate(JsonObject update) => EnqueueUpdate(_ => update);

    /// <summary>Queues the update <paramref name="build"/> makes for the next update_id; returns that id.</summary>
    public long EnqueueUpdate(Func<long, JsonObject> build)
    {
        lock (_gate)
        {
            var id = ++_nextUpdateId;
            var update = build(id);
            update["update_id"] = id;
            _updates.Add((id, update));
            _updatesChanged.TrySetResult();
            _updatesChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return id;
        }
    }

    /// <summary>
    /// Queues a text message from <paramref name="fromUserId"/> (default: the chat's id, a private chat) in <paramref
    /// name="chatId"/>.
    /// </summary>
    public long EnqueueTextMessage(long chatId, string text, long? fromUserId = null, DateTimeOffset? date = null) =>
        EnqueueUpdate(
            new JsonObject
            {
                ["message"] = MessageNode(
                    Interlocked.Increment(ref _nextMessageId),
                    chatId.ToString(CultureInfo.InvariantCulture),
                    text,
                    UserNode(fromUserId ?? chatId, isBot: false),
                    date ?? DateTimeOffset.UtcNow
                ),
            }
        );

    /// <summary>
    /// Queues a button press with <paramref name="data"/> on message <paramref name="messageId"/>; the query id is
    /// "cb{update_id}".
    /// </summary>
    public long EnqueueCallbackQuery(long chatId, string data, long? fromUserId = null, long messageId = 1) =>
        EnqueueUpdate(id => new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"cb{id}"),
                ["from"] = UserNode(fromUserId ?? chatId, isBot: false),
                ["message"] = MessageNode(
                    messageId,
                    chatId.ToString(CultureInfo.InvariantCulture),
                    "buttons",
                    UserNode(1, isBot: true),
                    DateTimeOffset.UtcNow
                ),
                ["chat_instance"] = "42",
                ["data"] = data,
            },
        });

    private static JsonObject UserNode(long id, bool isBot) =>
        new()
        {
            ["id"] = id,
            ["is_bot"] = isBot,
            ["first_name"] = isBot ? "Fake Bot" : string.Create(CultureInfo.InvariantCulture, $"User{id}"),
            ["username"] = isBot ? "fake_bot" : string.Create(CultureInfo.InvariantCulture, $"user{id}"),
            ["language_code"] = "en", // a field the client does not know: must be ignored
        };

    private static JsonObject ChatNode(string chatId)
    {
        if (chatId.StartsWith('@'))
        {
            return new JsonObject
            {
                ["id"] = -1001000000001,
                ["type"] = "channel",
                ["title"] = chatId[1..],
                ["username"] = chatId[1..],
            };
        }

        var id = long.Parse(chatId, CultureInfo.InvariantCulture);
        return id < 0
            ? new JsonObject
            {
                ["id"] = id,
                ["type"] = "supergroup",
                ["title"] = "Group",
            }
            : new JsonObject
            {
                ["id"] = id,
                ["type"] = "private",
                ["first_name"] = "Admin",
            };
    }

    private static JsonObject MessageNode(
        long messageId,
        string chatId,
        string? text,
        JsonObject from,
        DateTimeOffset date
    )
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["from"] = from,
            ["chat"] = ChatNode(chatId),
            ["date"] = date.ToUnixTimeSeconds(),
        };
        if (text is not null)
        {
            message["text"] = text;
        }

        return message;
    }

    private static long BotId(string token) =>
        long.TryParse(token.Split(':')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 1;

    private async Task<string> AnswerAsync(
        string token,
        string method,
        Dictionary<string, string> fields,
        CancellationToken cancellationToken
    )
    {
        var bot = UserNode(BotId(token), isBot: true);
        var chat = fields.GetValueOrDefault("chat_id") ?? "1";
        return method switch
        {
            "getMe" => Envelope(bot),
            "sendMessage" => Envelope(
                MessageNode(
                    Interlocked.Increment(ref _nextMessageId),
                    chat,
                    fields.GetValueOrDefault("text"),
                    bot,
                    DateTimeOffset.UtcNow
                )
            ),
            "editMessageText" => Envelope(
                MessageNode(
                    long.Parse(fields["message_id"], CultureInfo.InvariantCulture),
                    chat,
                    fields.GetValueOrDefault("text"),
                    bot,
                    DateTimeOffset.UtcNow
                )
            ),
            "sendDocument" => Envelope(
                MessageNode(Interlocked.Increment(ref _nextMessageId), chat, null, bot, DateTimeOffset.UtcNow)
            ),
            "getUpdates" => Envelope(await LongPollAsync(fields, cancellationToken)),
            _ => Envelope(true),
        };
    }

    /// <summary>
    /// Confirms updates below the offset, then answers with the waiting ones or waits up to <c>timeout</c> seconds for
    /// some.
    /// </summary>
    private async Task<JsonArray> LongPollAsync(Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        long? offset = long.TryParse(fields.GetValueOrDefault("offset"), CultureInfo.InvariantCulture, out var o)
            ? o
            : null;
        var timeout = int.TryParse(fields.GetValueOrDefault("timeout"), CultureInfo.InvariantCulture, out var t)
            ? t
            : 0;
        if (InstantUpdates)
        {
            timeout = 0;
        }

        var limit = int.TryParse(fields.GetValueOrDefault("limit"), CultureInfo.InvariantCulture, out var l) ? l : 100;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeout));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (offset is { } confirmed)
                {
                    _updates.RemoveAll(u => u.Id < confirmed);
                }

                var ready = _updates.Take(limit).Select(u => u.Update.DeepClone()).ToArray();
                if (ready.Length > 0 || deadline.IsCancellationRequested)
                {
                    return [.. ready];
                }

                changed = _updatesChanged.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The poll's own timeout: answer with whatever there is (usually nothing).
            }
        }
    }
}
