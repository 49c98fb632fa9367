using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Infrastructure;

/// <summary>Accounts made the way a newcomer makes one: <c>POST /v1/auth/signup</c>, the mail read from smtp4dev, the
/// link's token sent to <c>POST /v1/auth/confirm-email</c>.</summary>
public static class SignUpFlow
{
    public const string Password = "Quartz-Meadow-Lantern-58";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> HandedOut = new();
    public static readonly TimeSpan MailWait = TimeSpan.FromSeconds(60);

    public static Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string password = Password, string accountName = "Signed-up account") =>
        client.PostAsJsonAsync("/v1/auth/signup", new { account_name = accountName, email, password });

    /// <summary>Signs up a new address and returns it (unconfirmed) with the confirmation token from its mail.</summary>
    public static async Task<(TestUser User, string Token)> UnconfirmedAsync(PortalHost host, HttpClient client, MailInbox inbox, string? accountName = null)
    {
        var email = MailInbox.NewAddress("signup");
        var response = await SignUpAsync(client, email, accountName: accountName ?? "Signed-up account");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var token = await TokenFromMailAsync(inbox, email, "confirm-email");
        var user = await host.FindUserAsync(email);
        return (new TestUser(email, Password, user.Id, user.AccountId), token);
    }

    /// <summary>Signs up and confirms a new address.</summary>
    public static async Task<TestUser> ConfirmedAsync(PortalHost host, HttpClient client, MailInbox inbox, string? accountName = null)
    {
        var (user, token) = await UnconfirmedAsync(host, client, inbox, accountName);
        var confirm = await client.PostAsJsonAsync("/v1/auth/confirm-email", new { token });
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        return user;
    }

    /// <summary>The token of the newest <paramref name="page"/> link mailed to <paramref name="email"/>, once
    /// <paramref name="count"/> such mails arrived (other mails to the address, such as the new sign-in notice, are not counted).</summary>
    public static async Task<string> TokenFromMailAsync(MailInbox inbox, string email, string page, int count = 1)
    {
        var subject = page == "confirm-email" ? "Confirm your email" : "Reset your";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var links = (await inbox.MessagesToAsync(email)).Where(m => m.Subject.Contains(subject, StringComparison.Ordinal)).ToList();
            if (links.Count >= count)
            {
                // smtp4dev's order is not the sending order: the newest link is the one not handed out before.
                foreach (var (id, _) in links)
                {
                    var match = Regex.Match(await inbox.PlainTextAsync(id), $@"/account/{Regex.Escape(page)}\?token=([A-Za-z0-9_\-%]+)");
                    if (match.Success && HandedOut.TryAdd(match.Groups[1].Value, 0)) return Uri.UnescapeDataString(match.Groups[1].Value);
                }
                Assert.Fail($"No {page} link in the mail to {email}.");
            }
            if (watch.Elapsed > MailWait) Assert.Fail($"{links.Count} of {count} {page} mails to {email} arrived within {MailWait.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    private static async Task<AppUser> FindUserAsync(this PortalHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        return await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}");
    }
}
