namespace MoneyBot.Common.Telegram;

/// <summary>
/// Delivers the messages of one chat, in order, paced, retrying as the outbox's rules say.
/// Each chat has its own lane, so a slow or failing chat holds back no other. Within the chat, a message that
/// failed waits for its retry behind the messages queued after it, so it holds back none of them either.
/// </summary>
internal sealed class OutboxLane(ChatId chatId, OutboxContext context) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly RatePacer _pacer = chatId.IsGroupOrChannel
        ? new((1, context.Options.ChatInterval), (context.Options.GroupMessagesPerMinute, TimeSpan.FromMinutes(1)))
        : new((1, context.Options.ChatInterval));

    private enum Outcome
    {
        /// <summary>Delivered, or given up (logged and counted).</summary>
        Finished,

        /// <summary>Failed; to be tried again at <see cref="OutboxEntry.NotBefore"/>.</summary>
        Retry,
    }

    /// <summary>The delivery loop; completes once stopped.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(CancellationToken stop) => Completion = Task.Run(() => RunAsync(stop), CancellationToken.None);

    /// <summary>Says a message was queued for this chat.</summary>
    public void Signal() => _signal.Release();

    public void Dispose() => _signal.Dispose();

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            TimeSpan? wakeAt = null;
            while (true)
            {
                await WaitAsync(wakeAt, stop);
                while (context.Queue.TryTake(chatId, context.Now(), out var entry, out wakeAt))
                {
                    var outcome = Outcome.Finished;
                    try
                    {
                        outcome = await DeliverAsync(entry, stop);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception ex)
                    {
                        // A bug must not silence the chat for good: give up this message, keep the lane.
                        context.Stats.CountDropped();
                        OutboxLog.DeliveryFailed(
                            context.Logger,
                            context.BotId,
                            chatId,
                            context.Client.Token.Redact(ex.ToString())
                        );
                    }
                    finally
                    {
                        if (outcome == Outcome.Retry)
                        {
                            context.Queue.Requeue(entry);
                        }
                        else
                        {
                            // Done first: whoever awaits the receipt then sees the message no longer pending.
                            context.Queue.Done();
                            entry.Complete();
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The outbox is stopping.
        }
    }

    /// <summary>Waits for a new message, or until <paramref name="wakeAt"/> when a failed one awaits a retry.</summary>
    private async Task WaitAsync(TimeSpan? wakeAt, CancellationToken stop)
    {
        if (wakeAt is not { } at)
        {
            await _signal.WaitAsync(stop);
            return;
        }

        var wait = at - context.Now();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new CancellationTokenSource(wait, context.Time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, timer.Token);
        try
        {
            await _signal.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // the retry is due
        }
    }

    private async Task<Outcome> DeliverAsync(OutboxEntry entry, CancellationToken stop)
    {
        for (; entry.NextPart < entry.Parts.Count; entry.NextPart++)
        {
            var (outcome, id) = await DeliverPartAsync(entry, entry.NextPart, stop);
            if (outcome == Outcome.Retry)
            {
                return outcome;
            }

            if (id is null)
            {
                return Outcome.Finished; // given up
            }

            entry.FirstMessageId ??= id;
        }

        return Outcome.Finished;
    }

    /// <summary>
    /// Sends one part: its id once it went through, null when given up (logged and counted), or
    /// <see cref="Outcome.Retry"/> after a failure worth another try.
    /// </summary>
    private async Task<(Outcome Outcome, long? Id)> DeliverPartAsync(
        OutboxEntry entry,
        int part,
        CancellationToken stop
    )
    {
        var message = entry.Message;
        var edit = part == 0 ? message.EditMessageId : null;
        var markup = part == entry.Parts.Count - 1 ? message.ReplyMarkup : null;
        while (true)
        {
            var age = context.Now() - entry.EnqueuedAt;
            if (!message.Critical && age > context.Options.MaxAge)
            {
                var dropped = context.Stats.CountDropped();
                OutboxLog.DroppedTooOld(context.Logger, context.BotId, chatId, age, context.Options.MaxAge, dropped);
                return (Outcome.Finished, null);
            }

            await PaceAsync(stop);
            entry.FirstAttemptAt ??= context.Now();
            var result = await SendAsync(entry, part, edit, markup, stop);
            if (result.Ok || (edit is not null && IsUnchangedEdit(result)))
            {
                if (result.Ok)
                {
                    context.Stats.CountSent();
                }

                if (entry.Failures > 0)
                {
                    OutboxLog.Recovered(context.Logger, context.BotId, chatId, entry.Failures);
                    entry.Failures = 0;
                }

                return (Outcome.Finished, result.Value?.MessageId ?? edit);
            }

            if (!result.IsTransient)
            {
                if (result.MigrateToChatId is { } newChat)
                {
                    OutboxLog.ChatMigrated(context.Logger, context.BotId, chatId, newChat);
                }

                var dropped = context.Stats.CountDropped();
                OutboxLog.DroppedRefused(
                    context.Logger,
                    context.BotId,
                    chatId,
                    result.ErrorCode,
                    result.Description ?? "?",
                    dropped
                );
                return (Outcome.Finished, null);
            }

            if (result.Failure == TelegramFailure.RateLimited && result.RetryAfter is { } retryAfter)
            {
                // Flood control holds every message of the bot: wait it out here and resend the same one.
                context.Stats.CountRetry();
                OutboxLog.RateLimited(context.Logger, context.BotId, chatId, retryAfter);
                await Task.Delay(retryAfter, context.Time, stop);
                continue;
            }

            return (Retry(entry, result.Failure, result.Description ?? "?") ? Outcome.Retry : Outcome.Finished, null);
        }
    }

    /// <summary>
    /// After a transient failure: schedules the next attempt (true), or gives a non-critical message up when that
    /// attempt would come after its retry budget (false, logged and counted).
    /// </summary>
    private bool Retry(OutboxEntry entry, TelegramFailure failure, string description)
    {
        entry.Failures++;
        var now = context.Now();
        var delay = context.Options.Backoff.DelayFor(entry.Failures, Random.Shared.NextDouble());
        var elapsed = now - (entry.FirstAttemptAt ?? now);
        if (!entry.Message.Critical && elapsed + delay > context.Options.RetryBudget)
        {
            var dropped = context.Stats.CountDropped();
            OutboxLog.DroppedGaveUp(
                context.Logger,
                context.BotId,
                chatId,
                entry.Failures,
                elapsed,
                failure,
                description,
                context.Options.RetryBudget,
                dropped
            );
            return false;
        }

        context.Stats.CountRetry();
        OutboxLog.Retrying(context.Logger, context.BotId, chatId, failure, description, entry.Failures, delay);
        entry.NotBefore = now + delay;
        return true;
    }

    private Task<TelegramResult<Message>> SendAsync(
        OutboxEntry entry,
        int part,
        long? edit,
        InlineKeyboardMarkup? markup,
        CancellationToken stop
    )
    {
        var message = entry.Message;
        TelegramRequest<Message> request =
            message.Document is { } document
                ? new SendDocumentRequest(chatId, document.FileName, document.Content)
                {
                    Caption = entry.Parts[part],
                    DisableNotification = message.DisableNotification,
                }
            : edit is { } messageId
                ? new EditMessageTextRequest(chatId, messageId, entry.Parts[part]) { ReplyMarkup = markup }
            : new SendMessageRequest(chatId, entry.Parts[part])
            {
                DisableNotification = message.DisableNotification,
                ReplyMarkup = markup,
            };
        return context.Client.SendAsync(request, stop);
    }

    /// <summary>Waits until both this chat's and the bot's limits allow a send, and records it.</summary>
    private async Task PaceAsync(CancellationToken stop)
    {
        while (true)
        {
            var now = context.Now();
            var wait = _pacer.Delay(now);
            if (wait <= TimeSpan.Zero)
            {
                wait = context.Global.TryAcquire(now);
                if (wait <= TimeSpan.Zero)
                {
                    _pacer.Record(now);
                    return;
                }
            }

            await Task.Delay(wait, context.Time, stop);
        }
    }

    // Editing a message to the text it already has is refused with 400 "message is not modified": the goal is met.
    private static bool IsUnchangedEdit<T>(TelegramResult<T> result) =>
        result.ErrorCode == 400
        && result.Description?.Contains("message is not modified", StringComparison.OrdinalIgnoreCase) == true;
}
