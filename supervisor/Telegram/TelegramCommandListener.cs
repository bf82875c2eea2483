using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Resilience;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Commands;
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
internal sealed partial class TelegramCommandListener : BackgroundService
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    /// <summary>The name under which polling problems appear in <see cref="ServiceProblems"/>.</summary>
    public const string ServiceName = "telegram";

    private static readonly string[] AllowedUpdates = ["message", "callback_query"];
    private readonly TelegramBotClient _client;
    private readonly TelegramOutbox _outbox;
    private readonly CommandAuthorizer _authorizer;
    private readonly ChatCommandHandler _handler;
    private readonly ServiceProblems _problems;
    private readonly CommandListenerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Update> _updates = Channel.CreateUnbounded<Update>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }
    );
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];
    private CancellationToken _stopping;

    public TelegramCommandListener(
        TelegramBotClient client,
        TelegramOutbox outbox,
        TelegramSettings settings,
        ChatCommandHandler handler,
        ServiceProblems problems,
        TimeProvider time,
        ILogger logger,
        CommandListenerOptions? options = null
    )
    {
        _client = client;
        _outbox = outbox;
        _authorizer = new CommandAuthorizer(settings);
        _handler = handler;
        _problems = problems;
        _options = options ?? CommandListenerOptions.Default;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Polls, handles the updates, and registers the command menu, until <paramref name="stoppingToken"/>; then
    /// waits for the commands in progress (they see the same token).
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await using var _ = stoppingToken.Register(() => _updates.Writer.TryComplete());
        await Task.WhenAll(
                UntilStoppedAsync(PollAsync, stoppingToken),
                UntilStoppedAsync(WorkAsync, stoppingToken),
                UntilStoppedAsync(RegisterMenuAsync, stoppingToken)
            )
            .ConfigureAwait(false);
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private static async Task UntilStoppedAsync(Func<CancellationToken, Task> loop, CancellationToken stop)
    {
        try
        {
            await Task.Yield(); // each loop on its own from the start
            await loop(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping: the call in flight was cancelled
        }
    }

    /// <summary>Registers the command menu, retrying transient failures with backoff (never once per poll).</summary>
    private async Task RegisterMenuAsync(CancellationToken cancellationToken)
    {
        var backoff = new BackoffTracker(_options.MenuBackoff, Random.Shared.NextDouble);
        for (var attempt = 1; ; attempt++)
        {
            var result = await _client.SetMyCommandsAsync(ChatCommands.Menu, cancellationToken).ConfigureAwait(false);
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
                        _problems.Set(
                            ServiceName,
                            $"telegram: another process is polling this bot's token (409 Conflict) since "
                                + $"{since:HH:mm:ss} UTC: commands may not arrive; give each process its own bot"
                        );
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
                    if (_problems.Of(ServiceName) is null)
                    {
                        _problems.Set(
                            ServiceName,
                            $"telegram: getUpdates failing since {since:HH:mm:ss} UTC ({reason})"
                        );
                    }
                }

                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (failures > 0)
            {
                Log.PollingAgain(_logger, failures);
                (failures, conflict) = (0, false);
                _problems.Set(ServiceName, null);
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
            await AnswerAsync(message.Chat.Id, ChatCommands.Interpret(command), cancellationToken)
                .ConfigureAwait(false);
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
            await AnswerAsync(origin.Chat.Id, ChatCommands.FromButton(data), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Answers at once, or, for what takes a while, with a progress note edited once it is done.</summary>
    private async Task AnswerAsync(long chatId, ChatRequest request, CancellationToken cancellationToken)
    {
        if (ChatCommands.Progress(request) is { } progress)
        {
            RunInBackground(chatId, progress, ct => _handler.HandleAsync(request, ct));
            return;
        }

        Reply(chatId, await _handler.HandleAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Says at once that <paramref name="operation"/> is under way, then edits that message with its outcome; the
    /// commands and buttons that come meanwhile are served.
    /// </summary>
    private void RunInBackground(long chatId, string progress, Func<CancellationToken, Task<ChatReply>> operation)
    {
        var note = _outbox.Enqueue(new OutgoingMessage(chatId, progress));
        var stop = _stopping;
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
        var answer = await _client.AnswerCallbackQueryAsync(callbackQueryId, text, _stopping).ConfigureAwait(false);
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
    }
}
