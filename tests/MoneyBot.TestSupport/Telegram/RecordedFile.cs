namespace MoneyBot.TestSupport.Telegram;

/// <summary>A file uploaded in a multipart request to the <see cref="FakeTelegramServer"/>.</summary>
/// <param name="Field">The form field (e.g. "document").</param>
/// <param name="FileName">The file name sent by the client.</param>
/// <param name="Content">The bytes.</param>
public sealed record RecordedFile(string Field, string FileName, ReadOnlyMemory<byte> Content);
