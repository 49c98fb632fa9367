using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Registration;

/// <summary>Sign-up and email confirmation over real HTTP, the mail read from smtp4dev (docs/registration.md). A host of
/// its own: one test moves its clock a day ahead.</summary>
public sealed class SignUpApiTests(TwoFactorPortal portal, ITestOutputHelper output) : IClassFixture<TwoFactorPortal>, IDisposable
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();
    private readonly MailInbox _inbox = new();

    [Fact]
    public async Task Sign_up_mails_a_link_that_confirms_once_and_then_keys_can_be_made()
    {
        var (user, token) = await SignUpFlow.UnconfirmedAsync(portal.Host, _client, _inbox, "Newcomer Ltd");

        // Signing in works before the address is confirmed; changes to keys and webhooks wait for it.
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        await (await CreateKeyAsync(access)).AssertErrorAsync(HttpStatusCode.Forbidden, "EMAIL_UNCONFIRMED");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", access)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsJsonAsync("/v1/auth/confirm-email", new { token })).StatusCode);
        var reused = await _client.PostAsJsonAsync("/v1/auth/confirm-email", new { token });
        await reused.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await reused.JsonAsync())["details"]!["token"]);

        // The same access token: the rule reads the confirmation, not a claim frozen at sign-in.
        Assert.Equal(HttpStatusCode.Created, (await CreateKeyAsync(access)).StatusCode);

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = await db.Accounts.SingleAsync(a => a.Id == user.AccountId);
        Assert.Equal("Newcomer Ltd", account.Name);
        Assert.True(await db.SecurityEvents.IgnoreQueryFilters().AnyAsync(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.EmailConfirmed));
    }

    [Fact]
    public async Task A_link_past_24_hours_is_refused()
    {
        var (_, token) = await SignUpFlow.UnconfirmedAsync(portal.Host, _client, _inbox);
        portal.Host.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        try
        {
            await (await _client.PostAsJsonAsync("/v1/auth/confirm-email", new { token })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        }
        finally
        {
            portal.Host.Clock.Advance(-(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_forged_token_is_refused_with_the_field_named(string token)
    {
        var response = await _client.PostAsJsonAsync("/v1/auth/confirm-email", new { token });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await response.JsonAsync())["details"]!["token"]);
    }

    [Fact]
    public async Task Resend_mails_a_new_link_that_confirms()
    {
        var (user, _) = await SignUpFlow.UnconfirmedAsync(portal.Host, _client, _inbox);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/confirm-email/resend", access)).StatusCode);
        var second = await SignUpFlow.TokenFromMailAsync(_inbox, user.Email, "confirm-email", count: 2);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsJsonAsync("/v1/auth/confirm-email", new { token = second })).StatusCode);

        // Confirmed: a resend is still accepted, and sends nothing.
        Assert.Equal(HttpStatusCode.Accepted, (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/confirm-email/resend", access)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await _inbox.MessagesToAsync(user.Email)).Count(m => m.Subject.Contains("Confirm your email", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Weak_password_and_bad_fields_are_named()
    {
        var response = await _client.PostAsJsonAsync("/v1/auth/signup", new { account_name = "", email = "not-an-email", password = "password1234" });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var details = (await response.JsonAsync())["details"]!.AsObject();
        Assert.NotNull(details["account_name"]);
        Assert.NotNull(details["email"]);
        Assert.NotNull(details["password"]);
    }

    [Fact]
    public async Task An_existing_email_gets_a_mail_and_the_same_answer_in_the_same_time()
    {
        var existing = await TestUser.CreateAsync(portal.Host);
        const int Rounds = 7;
        var known = new List<double>();
        var fresh = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            // Alternated, so a burst of load elsewhere on the machine lands on both sides alike.
            var (newStatus, newBody, newMs) = await TimedSignUpAsync(MailInbox.NewAddress("fresh"));
            var (knownStatus, knownBody, knownMs) = await TimedSignUpAsync(existing.Email);
            Assert.Equal(HttpStatusCode.Accepted, newStatus);
            Assert.Equal(newStatus, knownStatus);
            Assert.Equal(newBody, knownBody);
            if (i > 0) // the first round warms both paths up
            {
                fresh.Add(newMs);
                known.Add(knownMs);
            }
        }
        var freshMedian = Median(fresh);
        var knownMedian = Median(known);
        output.WriteLine($"sign-up medians over {fresh.Count} runs: new email {freshMedian:F1} ms, existing email {knownMedian:F1} ms");
        // Both paths hash a password (the slow part); a path that skipped it would take a fraction of the other's time.
        // Within a factor of 2 either way: loose enough for a loaded 2-core machine, far tighter than a missing hash.
        Assert.True(knownMedian > freshMedian / 2 && knownMedian < freshMedian * 2,
            $"existing-email sign-up median {knownMedian:F1} ms, new-email median {freshMedian:F1} ms (runs: known {string.Join(", ", known.Select(t => t.ToString("F0")))}; new {string.Join(", ", fresh.Select(t => t.ToString("F0")))})");

        // The owner of the address is told; nothing about their account changed.
        var mails = await _inbox.WaitForAsync(existing.Email, SignUpFlow.MailWait, Rounds);
        Assert.All(mails, m => Assert.Contains("tried to sign up", m.Subject));
        await _client.LoginAsync(existing);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == existing.Email.ToUpperInvariant()));
    }

    private async Task<(HttpStatusCode Status, string Body, double Ms)> TimedSignUpAsync(string email)
    {
        var watch = Stopwatch.StartNew();
        var response = await SignUpFlow.SignUpAsync(_client, email);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, watch.Elapsed.TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private Task<HttpResponseMessage> CreateKeyAsync(string access) =>
        _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", access, new { name = "first", scopes = new[] { "contacts:read" } });

    public void Dispose()
    {
        _client.Dispose();
        _inbox.Dispose();
    }
}
