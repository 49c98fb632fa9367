using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// The mail test.sh's smtp4dev received, read over its REST API (<c>$BOLTLY_MAIL_UI/api/messages</c>), as QA
/// reads it (docs/email.md). Tests find their mail by a recipient address of their own.
/// </summary>
public sealed class MailInbox : IDisposable
{
    private const int PageSize = 500;
    private readonly HttpClient _http = new() { BaseAddress = new Uri(TestServices.MailUi.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };

    public static string NewAddress(string tag = "mail") => $"{tag}-{Guid.NewGuid():N}@boltly-tests.example";

    /// <summary>Every received message to <paramref name="to"/>: id and subject.</summary>
    public async Task<IReadOnlyList<(string Id, string Subject)>> MessagesToAsync(string to) =>
        // Searched for on the server: with a whole suite's mail, the newest page may no longer hold this address's.
        (await MessagesWithRecipientAsync(address => string.Equals(address, to, StringComparison.OrdinalIgnoreCase), to))
        .Select(m => (m.Id, m.Subject)).ToList();

    /// <summary>Every received message with a recipient that <paramref name="recipient"/> accepts, with that recipient.</summary>
    public async Task<IReadOnlyList<(string Id, string Subject)>> MessagesAsync(Func<string, bool> recipient) =>
        (await MessagesWithRecipientAsync(recipient)).Select(m => (m.Id, m.Subject)).ToList();

    public async Task<IReadOnlyList<(string Id, string Subject, string To)>> MessagesWithRecipientAsync(Func<string, bool> recipient,
        string? search = null)
    {
        var query = search is null ? "" : $"&searchTerms={Uri.EscapeDataString(search)}";
        var page = JsonNode.Parse(await _http.GetStringAsync($"api/messages?pageSize={PageSize}{query}"))!;
        return page["results"]!.AsArray()
            .Select(m => (Message: m!, To: m!["to"]!.AsArray().Select(t => (string?)t ?? "").FirstOrDefault(recipient)))
            .Where(m => m.To is not null)
            .Select(m => ((string)m.Message["id"]!, (string)m.Message["subject"]!, m.To!)).ToList();
    }

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="to"/> arrived (or fails after <paramref name="timeout"/>).</summary>
    public async Task<IReadOnlyList<(string Id, string Subject)>> WaitForAsync(string to, TimeSpan timeout, int count = 1)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var messages = await MessagesToAsync(to);
            if (messages.Count >= count) return messages;
            if (watch.Elapsed > timeout) Assert.Fail($"{messages.Count} of {count} mails to {to} arrived within {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    public Task<string> PlainTextAsync(string id) => _http.GetStringAsync($"api/messages/{id}/plaintext");

    public Task<string> HtmlAsync(string id) => _http.GetStringAsync($"api/messages/{id}/html");

    public void Dispose() => _http.Dispose();
}
