using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Resilience;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// Long-polls the admin bot's updates and answers commands and button presses from authorised chats.
/// Polling never spins: calls start at least <see cref="CommandListenerOptions.MinPollInterval"/> apart, and
/// failures (409 Conflict included) back off. The poll loop only polls: updates are handled in order by a
/// worker, and operations that take a while (start, stop, restart, reload) run on their own, answered at once
/// with a progress message that is edited with the outcome. Commands older than <see cref="StaleAfter"/>
/// (queued while the daemon was down) are refused with a note instead of being executed blindly.
/// </summary>
internal sealed partial class TelegramCommandListener : IAsyncDisposable
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);
    private static readonly string[] AllowedUpdates = ["message", "callback_query"];
    private readonly TelegramBotClient _client;
    private readonly TelegramOutbox _outbox;
    private readonly CommandAuthorizer _authorizer;
    private readonly ChatCommandHandler _handler;
    private readonly CommandListenerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Update> _updates = Channel.CreateUnbounded<Update>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }
    );
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];
    private readonly Task _polling;
    private readonly Task _working;
    private readonly Task _menu;
    private volatile string? _problem;
    private int _disposed;

    public TelegramCommandListener(
        TelegramBotClient client,
        TelegramOutbox outbox,
        TelegramSettings settings,
        ChatCommandHandler handler,
        TimeProvider time,
        ILogger logger,
        CommandListenerOptions? options = null
    )
    {
        _client = client;
        _outbox = outbox;
        _authorizer = new CommandAuthorizer(settings);
        _handler = handler;
        _options = options ?? CommandListenerOptions.Default;
        _time = time;
        _logger = logger;
        _polling = Task.Run(() => UntilStoppedAsync(PollAsync));
        _working = Task.Run(() => UntilStoppedAsync(WorkAsync));
        _menu = Task.Run(() => UntilStoppedAsync(RegisterMenuAsync));
    }

    /// <summary>What is wrong with polling right now, for <c>status</c> (null: nothing).</summary>
    public string? Problem => _problem;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _updates.Writer.TryComplete();
        Task[] all;
        lock (_gate)
        {
            all = [_polling, _working, _menu, .. _running];
        }

        try
        {
            await Task.WhenAll(all).WaitAsync(_options.StopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.StopTimedOut(_logger, _options.StopTimeout);
        }

        _stop.Dispose();
    }

    private async Task UntilStoppedAsync(Func<CancellationToken, Task> loop)
    {
        var stop = _stop.Token;
        try
        {
            await loop(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // disposed: the call in flight was cancelled
        }
    }

    /// <summary>Registers the command menu, retrying transient failures with backoff (never once per poll).</summary>
    private async Task RegisterMenuAsync(CancellationToken cancellationToken)
    {
        var backoff = new BackoffTracker(_options.MenuBackoff, Random.Shared.NextDouble);
        for (var attempt = 1; ; attempt++)
        {
            var result = await _client
                .SetMyCommandsAsync(ChatCommandHandler.Menu, cancellationToken)
                .ConfigureAwait(false);
            if (result.Ok)
            {
                return;
            }

            var reason = result.Description ?? result.Failure.ToString();
            if (!result.IsTransient || attempt >= _options.MenuAttempts)
            {
                Log.MenuGivenUp(_logger, attempt, reason);
                return;
            }

            var delay = result.RetryAfter ?? backoff.NextDelay(TimeSpan.Zero);
            Log.MenuFailed(_logger, reason, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var backoff = new BackoffTracker(_options.PollBackoff, Random.Shared.NextDouble);
        var failures = 0;
        var conflict = false;
        long? offset = null;
        long? started = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = started is { } previous
                ? _options.MinPollInterval - _time.GetElapsedTime(previous)
                : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false); // a server that answers at once
            }

            started = _time.GetTimestamp();
            var updates = await _client
                .GetUpdatesAsync(offset, _options.PollTimeout, AllowedUpdates, cancellationToken)
                .ConfigureAwait(false);
            if (!updates.Ok)
            {
                cancellationToken.ThrowIfCancellationRequested();
                failures++;
                var delay = updates.RetryAfter ?? backoff.NextDelay(TimeSpan.Zero);
                var reason = updates.Description ?? updates.Failure.ToString();
                var since = _time.GetUtcNow();
                if (updates.ErrorCode == 409)
                {
                    if (!conflict)
                    {
                        Log.Conflict(_logger, reason, delay);
                        _problem =
                            $"telegram: another process is polling this bot's token (409 Conflict) since "
                            + $"{since:HH:mm:ss} UTC: commands may not arrive; give each process its own bot";
                    }
                    else
                    {
                        Log.ConflictGoesOn(_logger, delay);
                    }

                    conflict = true;
                }
                else
                {
                    Log.PollFailed(_logger, reason, delay);
                    _problem ??= $"telegram: getUpdates failing since {since:HH:mm:ss} UTC ({reason})";
                }

                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (failures > 0)
            {
                Log.PollingAgain(_logger, failures);
                (failures, conflict, _problem) = (0, false, null);
            }

            backoff.Reset();
            foreach (var update in updates.Value)
            {
                offset = update.UpdateId + 1;
                _updates.Writer.TryWrite(update);
            }
        }
    }

    /// <summary>Handles the updates in the order they came; what takes a while is started and not awaited.</summary>
    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var update in _updates.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await HandleAsync(update, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One bad update must not stop remote control; it is logged with its id.
                Log.UpdateFailed(_logger, update.UpdateId, e);
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
            if (ChatCommandHandler.Progress(command) is { } progress)
            {
                RunInBackground(message.Chat.Id, progress, ct => _handler.HandleAsync(command, ct));
                return;
            }

            Reply(message.Chat.Id, await _handler.HandleAsync(command, cancellationToken).ConfigureAwait(false));
        }
        else if (update.CallbackQuery is { Data: { } data, Message: { } origin } press)
        {
            if (!Authorised(origin.Chat, press.From, data))
            {
                Track(AnswerButtonAsync(press.Id, "not allowed"));
                return;
            }

            Log.Button(_logger, data, press.From.Id, origin.Chat.Id);
            Track(AnswerButtonAsync(press.Id, null)); // at once, whatever the button does next
            if (ChatCommandHandler.ButtonProgress(data) is { } progress)
            {
                RunInBackground(origin.Chat.Id, progress, ct => _handler.HandleButtonAsync(data, ct));
                return;
            }

            Reply(origin.Chat.Id, await _handler.HandleButtonAsync(data, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Says at once that <paramref name="operation"/> is under way, then edits that message with its outcome; the
    /// commands and buttons that come meanwhile are served.
    /// </summary>
    private void RunInBackground(long chatId, string progress, Func<CancellationToken, Task<ChatReply>> operation)
    {
        var note = _outbox.Enqueue(new OutgoingMessage(chatId, progress));
        var stop = _stop.Token;
        Track(
            Task.Run(
                async () =>
                {
                    ChatReply outcome;
                    try
                    {
                        outcome = await operation(stop).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Log.OperationFailed(_logger, e);
                        outcome = new ChatReply($"⚠️ failed: {TelegramHtml.Escape(e.Message)}");
                    }

                    var noteId = await note.Sent.ConfigureAwait(false);
                    if (noteId is null || outcome.Document is not null)
                    {
                        Reply(chatId, outcome); // the note never went out: say it anew
                        return;
                    }

                    _outbox.Enqueue(
                        new OutgoingMessage(chatId, outcome.Html)
                        {
                            EditMessageId = noteId,
                            ReplyMarkup = outcome.Buttons,
                        }
                    );
                },
                CancellationToken.None
            )
        );
    }

    private async Task AnswerButtonAsync(string callbackQueryId, string? text)
    {
        var answer = await _client.AnswerCallbackQueryAsync(callbackQueryId, text, _stop.Token).ConfigureAwait(false);
        if (!answer.Ok)
        {
            Log.ButtonNotAnswered(_logger, answer.Description ?? answer.Failure.ToString());
        }
    }

    /// <summary>Keeps a background task until it ends, so that disposing can wait for it.</summary>
    private void Track(Task task)
    {
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(
                task.ContinueWith(
                    t => _ = t.Exception, // observed: the task logs its own failures; a cancellation is expected
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default
                )
            );
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

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "telegram: getUpdates failed ({Reason}); polling again in {Delay}"
        )]
        public static partial void PollFailed(ILogger logger, string reason, TimeSpan delay);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "telegram: another process is polling this bot's token (409 Conflict): {Reason}; polling again "
                + "in {Delay}, with backoff until it stops (give each process its own bot)"
        )]
        public static partial void Conflict(ILogger logger, string reason, TimeSpan delay);

        [LoggerMessage(
            Level = LogLevel.Debug,
            Message = "telegram: getUpdates still in conflict (409); polling again in {Delay}"
        )]
        public static partial void ConflictGoesOn(ILogger logger, TimeSpan delay);

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "telegram: getUpdates works again after {Failures} failed poll(s)"
        )]
        public static partial void PollingAgain(ILogger logger, int failures);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "telegram: setMyCommands failed ({Reason}); trying again in {Delay}"
        )]
        public static partial void MenuFailed(ILogger logger, string reason, TimeSpan delay);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "telegram: setMyCommands failed {Attempts} time(s), last: {Reason}; giving up: clients will not "
                + "offer the commands when you type /, which still work"
        )]
        public static partial void MenuGivenUp(ILogger logger, int attempts, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "telegram: update {UpdateId} could not be handled")]
        public static partial void UpdateFailed(ILogger logger, long updateId, Exception exception);

        [LoggerMessage(Level = LogLevel.Error, Message = "telegram: a command failed")]
        public static partial void OperationFailed(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "telegram: a button press was not answered ({Reason})")]
        public static partial void ButtonNotAnswered(ILogger logger, string reason);

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

        [LoggerMessage(Level = LogLevel.Warning, Message = "telegram: command listener did not stop within {Timeout}")]
        public static partial void StopTimedOut(ILogger logger, TimeSpan timeout);
    }
}
