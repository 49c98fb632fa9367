using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Registration;

/// <summary>"Forgot password?" over real HTTP, the link read from smtp4dev (docs/registration.md). A host of its own: the
/// 2FA tests move its clock to fresh TOTP steps, one test an hour ahead.</summary>
public sealed class PasswordResetApiTests(TwoFactorPortal portal) : IClassFixture<TwoFactorPortal>, IDisposable
{
    private const string NewPassword = "Harbor-Cinnamon-Kettle-73";
    private readonly HttpClient _client = portal.Host.CreateHttpClient();
    private readonly MailInbox _inbox = new();

    [Fact]
    public async Task Reset_sets_the_password_once_and_ends_every_session()
    {
        var user = await MailableUserAsync();
        var first = await _client.LoginAsync(user);
        var second = await _client.LoginAsync(user);

        var token = await RequestTokenAsync(user);
        var before = portal.Host.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.NoContent, (await ConfirmAsync(token, NewPassword)).StatusCode);

        // Every session ended: access tokens and refresh tokens issued before are refused.
        foreach (var pair in new[] { first, second })
        {
            await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", (string)pair["access_token"]!))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await (await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = (string)pair["refresh_token"]! }))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
        await (await _client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password }))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await _client.LoginAsync(user with { Password = NewPassword });

        // Single use: the same link again is refused, naming the token.
        var again = await ConfirmAsync(token, "Another-Strong-Pass-Phrase-91");
        await again.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await again.JsonAsync())["details"]!["token"]);

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.SecurityEvents.IgnoreQueryFilters().AnyAsync(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.PasswordReset));
        Assert.Equal(0, await db.UserSessions.CountAsync(s => s.UserId == user.UserId && s.CreatedAt <= before && s.EndedAt == null));
        Assert.Equal(2, await db.UserSessions.CountAsync(s => s.UserId == user.UserId && s.EndReason == SessionEndReasons.PasswordReset));
    }

    [Fact]
    public async Task An_unknown_address_is_answered_alike_and_mailed_nothing()
    {
        var email = MailInbox.NewAddress("nobody");
        var response = await _client.PostAsJsonAsync("/v1/auth/password-reset", new { email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await _inbox.MessagesToAsync(email));
    }

    [Fact]
    public async Task A_link_past_one_hour_is_refused()
    {
        var user = await MailableUserAsync();
        var token = await RequestTokenAsync(user);
        portal.Host.Clock.Advance(TimeSpan.FromMinutes(61));
        try
        {
            await (await ConfirmAsync(token, NewPassword)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        }
        finally
        {
            portal.Host.Clock.Advance(TimeSpan.FromMinutes(-61));
        }
        await _client.LoginAsync(user);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_naming_the_field()
    {
        var user = await MailableUserAsync();
        var token = await RequestTokenAsync(user);
        var response = await ConfirmAsync(token, "password1234");
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await response.JsonAsync())["details"]!["new_password"]);
        // The link was not used up by the refusal.
        Assert.Equal(HttpStatusCode.NoContent, (await ConfirmAsync(token, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task With_2fa_on_a_code_is_needed_and_used_once()
    {
        var user = await MailableUserAsync();
        var (secret, recoveryCodes) = await portal.EnableTwoFactorAsync(_client, user);
        var token = await RequestTokenAsync(user);

        var missing = await ConfirmAsync(token, NewPassword);
        await missing.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await missing.JsonAsync())["details"]!["code"]);
        var wrong = await ConfirmAsync(token, NewPassword, "000000");
        await wrong.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await wrong.JsonAsync())["details"]!["code"]);

        portal.NextStep();
        Assert.Equal(HttpStatusCode.NoContent, (await ConfirmAsync(token, NewPassword, portal.Code(secret))).StatusCode);
        await TwoFactorPortal.MfaTokenAsync(_client, user with { Password = NewPassword });

        // A recovery code works as the code too, once.
        var next = await RequestTokenAsync(user, count: 2);
        Assert.Equal(HttpStatusCode.NoContent, (await ConfirmAsync(next, "Another-Strong-Pass-Phrase-91", recoveryCodes[0])).StatusCode);
        var third = await RequestTokenAsync(user, count: 3);
        await (await ConfirmAsync(third, NewPassword, recoveryCodes[0])).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    /// <summary>A confirmed user whose address smtp4dev keeps (the mail test's own domain).</summary>
    private async Task<TestUser> MailableUserAsync() => await SignUpFlow.ConfirmedAsync(portal.Host, _client, _inbox);

    private async Task<string> RequestTokenAsync(TestUser user, int count = 1)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsJsonAsync("/v1/auth/password-reset", new { email = user.Email })).StatusCode);
        return await SignUpFlow.TokenFromMailAsync(_inbox, user.Email, "reset-password", count);
    }

    private Task<HttpResponseMessage> ConfirmAsync(string token, string newPassword, string? code = null) =>
        _client.PostAsJsonAsync("/v1/auth/password-reset/confirm", code is null
            ? new { token, new_password = newPassword } as object
            : new { token, new_password = newPassword, code });

    public void Dispose()
    {
        _client.Dispose();
        _inbox.Dispose();
    }
}
