using Microsoft.Extensions.Logging;
using MoneyBot.Common.Resilience;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// Long-polls the admin bot's updates and answers commands and button presses from authorised chats.
/// Commands older than <see cref="StaleAfter"/> (queued while the daemon was down) are refused with a
/// note instead of being executed blindly.
/// </summary>
internal sealed partial class TelegramCommandListener : IAsyncDisposable
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(25);
    private static readonly string[] AllowedUpdates = ["message", "callback_query"];
    private readonly TelegramBotClient _client;
    private readonly TelegramOutbox _outbox;
    private readonly CommandAuthorizer _authorizer;
    private readonly ChatCommandHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public TelegramCommandListener(
        TelegramBotClient client,
        TelegramOutbox outbox,
        TelegramSettings settings,
        ChatCommandHandler handler,
        TimeProvider time,
        ILogger logger
    )
    {
        _client = client;
        _outbox = outbox;
        _authorizer = new CommandAuthorizer(settings);
        _handler = handler;
        _time = time;
        _logger = logger;
        _loop = Task.Run(() => RunUntilStoppedAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.StopTimedOut(_logger);
        }

        _stop.Dispose();
    }

    private async Task RunUntilStoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // disposed: the long poll in flight was cancelled
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new BackoffTracker(BackoffPolicy.Default, Random.Shared.NextDouble);
        var menuSet = false;
        long? offset = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!menuSet)
            {
                menuSet = (
                    await _client.SetMyCommandsAsync(ChatCommandHandler.Menu, cancellationToken).ConfigureAwait(false)
                ).Ok;
            }

            var updates = await _client
                .GetUpdatesAsync(offset, PollTimeout, AllowedUpdates, cancellationToken)
                .ConfigureAwait(false);
            if (!updates.Ok)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                var delay = updates.RetryAfter ?? backoff.NextDelay(TimeSpan.Zero);
                Log.PollFailed(_logger, updates.Description ?? updates.Failure.ToString(), delay);
                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            backoff.Reset();
            foreach (var update in updates.Value ?? [])
            {
                offset = update.UpdateId + 1;
                try
                {
                    await HandleAsync(update, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad update must not stop remote control; it is logged with its id.
                    Log.UpdateFailed(_logger, update.UpdateId, e);
                }
            }
        }
    }

    private async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.Message is { Text: { } text } message && ChatCommand.Parse(text) is { } command)
        {
            if (!Authorised(message.Chat, message.From, command.Name))
            {
                return;
            }

            if (_time.GetUtcNow() - message.SentAt > StaleAfter)
            {
                Log.StaleCommand(_logger, command.Name, message.SentAt);
                Reply(
                    message.Chat.Id,
                    new ChatReply(
                        $"ignored /{TelegramHtml.Escape(command.Name)} sent at {message.SentAt:HH:mm:ss} UTC: it "
                            + $"waited while the supervisor was down; send it again if still wanted"
                    )
                );
                return;
            }

            Log.Command(_logger, command.Name, message.From?.Id, message.Chat.Id);
            Reply(message.Chat.Id, await _handler.HandleAsync(command, cancellationToken).ConfigureAwait(false));
        }
        else if (update.CallbackQuery is { Data: { } data, Message: { } origin } press)
        {
            if (!Authorised(origin.Chat, press.From, data))
            {
                await _client
                    .AnswerCallbackQueryAsync(press.Id, "not allowed", cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            Log.Button(_logger, data, press.From.Id, origin.Chat.Id);
            await _client
                .AnswerCallbackQueryAsync(press.Id, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            Reply(origin.Chat.Id, await _handler.HandleButtonAsync(data, cancellationToken).ConfigureAwait(false));
        }
    }

    private bool Authorised(Chat chat, User? from, string what)
    {
        if (_authorizer.IsAllowed(chat.Id, chat.Username, chat.Type, from?.Id))
        {
            return true;
        }

        Log.Refused(_logger, what, from?.Id, from?.Username, chat.Id, chat.Type);
        return false;
    }

    private void Reply(long chatId, ChatReply reply) =>
        _outbox.Enqueue(
            new OutgoingMessage(chatId, reply.Html)
            {
                ReplyMarkup = reply.Document is null ? reply.Buttons : null,
                Document = reply.Document is { } document
                    ? new OutgoingDocument(document.FileName, document.Content)
                    : null,
            }
        );

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "telegram: getUpdates failed ({Reason}); polling again in {Delay}"
        )]
        public static partial void PollFailed(ILogger logger, string reason, TimeSpan delay);

        [LoggerMessage(Level = LogLevel.Error, Message = "telegram: update {UpdateId} could not be handled")]
        public static partial void UpdateFailed(ILogger logger, long updateId, Exception exception);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "telegram: refused '{What}' from user {UserId} (@{Username}) in chat {ChatId} ({ChatType}): "
                + "not an admin chat or user"
        )]
        public static partial void Refused(
            ILogger logger,
            string what,
            long? userId,
            string? username,
            long chatId,
            string chatType
        );

        [LoggerMessage(Level = LogLevel.Warning, Message = "telegram: refused stale /{Command} sent at {SentAt}")]
        public static partial void StaleCommand(ILogger logger, string command, DateTimeOffset sentAt);

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "telegram: /{Command} from user {UserId} in chat {ChatId}"
        )]
        public static partial void Command(ILogger logger, string command, long? userId, long chatId);

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "telegram: button '{Data}' from user {UserId} in chat {ChatId}"
        )]
        public static partial void Button(ILogger logger, string data, long userId, long chatId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "telegram: command listener did not stop within 5s")]
        public static partial void StopTimedOut(ILogger logger);
    }
}
