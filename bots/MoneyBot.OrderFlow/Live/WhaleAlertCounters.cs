namespace MoneyBot.OrderFlow.Live;

/// <summary>What the whale alerts have done since start.</summary>
/// <param name="Trades">Trades at or above the minimum tier taken in.</param>
/// <param name="Bursts">Bursts closed (each one message, or held back).</param>
/// <param name="Messages">Messages queued for Telegram (per alert, not per chat).</param>
/// <param name="BurstsHeld">Bursts held back by the message cap and summed up in a later message.</param>
public readonly record struct WhaleAlertCounters(long Trades, long Bursts, long Messages, long BurstsHeld);
