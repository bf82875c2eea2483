using MoneyBot.Common.Resilience;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// Delivers the messages of one chat, in order, paced, retrying as the outbox's rules say.
/// Each chat has its own lane, so a slow or failing chat holds back no other.
/// </summary>
internal sealed class OutboxLane(ChatId chatId, OutboxContext context) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly BackoffTracker _backoff = new(context.Options.Backoff, Random.Shared.NextDouble);
    private readonly RatePacer _pacer = chatId.IsGroupOrChannel
        ? new((1, context.Options.ChatInterval), (context.Options.GroupMessagesPerMinute, TimeSpan.FromMinutes(1)))
        : new((1, context.Options.ChatInterval));

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
            while (true)
            {
                await _signal.WaitAsync(stop);
                while (context.Queue.TryTake(chatId, out var entry))
                {
                    try
                    {
                        await DeliverAsync(entry, stop);
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
                        // Done first: whoever awaits the receipt then sees the message no longer pending.
                        context.Queue.Done();
                        entry.Complete();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The outbox is stopping.
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, CancellationToken stop)
    {
        for (var i = 0; i < entry.Parts.Count; i++)
        {
            var id = await DeliverPartAsync(entry, i, stop);
            if (id is null)
            {
                return;
            }

            entry.FirstMessageId ??= id;
        }
    }

    /// <summary>Sends one part until it goes through (its id) or is given up (null, logged and counted).</summary>
    private async Task<long?> DeliverPartAsync(OutboxEntry entry, int part, CancellationToken stop)
    {
        var message = entry.Message;
        var edit = part == 0 ? message.EditMessageId : null;
        var markup = part == entry.Parts.Count - 1 ? message.ReplyMarkup : null;
        var failures = 0;
        while (true)
        {
            var age = context.Now() - entry.EnqueuedAt;
            if (!message.Critical && age > context.Options.MaxAge)
            {
                var dropped = context.Stats.CountDropped();
                OutboxLog.DroppedTooOld(context.Logger, context.BotId, chatId, age, context.Options.MaxAge, dropped);
                return null;
            }

            await PaceAsync(stop);
            var result = edit is { } messageId
                ? await context.Client.SendAsync(
                    new EditMessageTextRequest(chatId, messageId, entry.Parts[part]) { ReplyMarkup = markup },
                    stop
                )
                : await context.Client.SendAsync(
                    new SendMessageRequest(chatId, entry.Parts[part])
                    {
                        DisableNotification = message.DisableNotification,
                        ReplyMarkup = markup,
                    },
                    stop
                );
            if (result.Ok || (edit is not null && IsUnchangedEdit(result)))
            {
                if (result.Ok)
                {
                    context.Stats.CountSent();
                }

                if (failures > 0)
                {
                    OutboxLog.Recovered(context.Logger, context.BotId, chatId, failures);
                }

                _backoff.Reset();
                return result.Value?.MessageId ?? edit;
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
                return null;
            }

            failures++;
            context.Stats.CountRetry();
            var delay = result.RetryAfter ?? _backoff.NextDelay(TimeSpan.Zero);
            if (result.Failure == TelegramFailure.RateLimited && result.RetryAfter is not null)
            {
                OutboxLog.RateLimited(context.Logger, context.BotId, chatId, delay);
            }
            else
            {
                OutboxLog.Retrying(
                    context.Logger,
                    context.BotId,
                    chatId,
                    result.Failure,
                    result.Description ?? "?",
                    failures,
                    delay
                );
            }

            await Task.Delay(delay, context.Time, stop);
        }
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
