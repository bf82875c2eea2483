using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// <c>sendDocument</c>: uploads a file (multipart/form-data), e.g. a log excerpt too long for a message.
/// </summary>
/// <param name="ChatId">Where to send it.</param>
/// <param name="FileName">Name shown for the file.</param>
/// <param name="Content">The file's bytes (at most 50 MB).</param>
public sealed record SendDocumentRequest(ChatId ChatId, string FileName, ReadOnlyMemory<byte> Content)
    : TelegramRequest<Message>("sendDocument")
{
    /// <summary>Text under the document (0-1024 characters), HTML.</summary>
    public string? Caption { get; init; }

    /// <summary>Deliver without sound.</summary>
    public bool DisableNotification { get; init; }

    /// <inheritdoc/>
    public override JsonTypeInfo<TelegramResponse<Message>> ResponseTypeInfo() =>
        TelegramJsonContext.Default.MessageResponse;

    /// <inheritdoc/>
    public override HttpContent CreateContent()
    {
        var form = new MultipartFormDataContent();
        Add(form, new StringContent(ChatId.ToString()), "chat_id");
        if (Caption is not null)
        {
            Add(form, new StringContent(Caption), "caption");
            Add(form, new StringContent(TelegramHtml.ParseMode), "parse_mode");
        }

        if (DisableNotification)
        {
            Add(form, new StringContent(bool.TrueString.ToLower(CultureInfo.InvariantCulture)), "disable_notification");
        }

        var file = new ReadOnlyMemoryContent(Content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Add(form, file, "document", FileName);
        return form;
    }

    /// <summary>
    /// Adds a part whose Content-Disposition quotes its name (and file name), as RFC 7578 writes them:
    /// <see cref="MultipartFormDataContent.Add(HttpContent, string)"/> leaves a plain name unquoted.
    /// </summary>
    private static void Add(MultipartFormDataContent form, HttpContent part, string name, string? fileName = null)
    {
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
        {
            Name = Quote(name),
            FileName = fileName is null ? null : Quote(fileName),
        };
        form.Add(part);
    }

    // The header API refuses a '"' inside a quoted value, and a file name needs neither it nor a backslash.
    private static string Quote(string value) => "\"" + value.Replace('"', '_').Replace('\\', '_') + "\"";
}
