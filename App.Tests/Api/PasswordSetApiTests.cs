using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>
/// A user without a password (a member who joined with a passkey) sets a first one with <c>POST /v1/auth/change-password</c>
/// and no <c>current_password</c> (docs/passwords.md): only inside the session's re-authentication window, with the password
/// rules, ending other sessions as a change does, recorded as <c>password_set</c>. A user with a password still gives the
/// current one. The passwordless user is made directly with Identity (password removed, a software passkey stored) and
/// signs in with that passkey on the dashboard, as such a member does; the API is called with that session's cookie.
/// </summary>
public sealed class PasswordSetApiTests(SharedPortal portal)
{
    private const string Path = "/v1/auth/change-password";
    private const string NewPassword = "lantern-orbit-velvet-44";
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task A_passwordless_user_sets_a_password_in_the_reauthentication_window_then_signs_in_with_it_and_other_sessions_end()
    {
        var (user, passkey) = await PasswordlessUserAsync();
        var other = await PasskeySignInAsync(user, passkey);
        var cookie = await PasskeySignInAsync(user, passkey); // a fresh sign-in: its re-authentication window is open

        var set = await PostWithCookieAsync(cookie, new { new_password = NewPassword, confirm_password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);

        await using (var scope = portal.Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True(await users.HasPasswordAsync((await users.FindByIdAsync(user.UserId.ToString()))!));
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var recorded = await db.SecurityEvents.IgnoreQueryFilters().SingleAsync(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.PasswordSet);
            Assert.Equal(SecurityEventOutcomes.Success, recorded.Outcome);
            Assert.NotNull(recorded.ClientAddress);
            // As after a change: the other session ended, the one that set it did not.
            var sessions = await db.UserSessions.IgnoreQueryFilters().Where(s => s.UserId == user.UserId).ToListAsync();
            Assert.Equal(2, sessions.Count);
            var ended = Assert.Single(sessions, s => s.EndedAt is not null);
            Assert.Equal(SessionEndReasons.PasswordChange, ended.EndReason);
        }
        var otherPage = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        otherPage.Headers.Add("Cookie", other);
        await (await _client.SendAsync(otherPage)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // The password signs in, on the API as anywhere.
        var tokens = await _client.LoginAsync(user with { Password = NewPassword });
        Assert.NotNull((string?)tokens["access_token"]);
        // Set once: from now on it is a change, which needs the current password.
        var again = await PostWithCookieAsync(cookie, new { new_password = "another-lantern-orbit-45" });
        Assert.True(again.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{(int)again.StatusCode}");
    }

    [Fact]
    public async Task Outside_the_window_a_first_password_is_403_and_a_current_password_sent_by_a_passwordless_user_is_400()
    {
        var (user, passkey) = await PasswordlessUserAsync();
        var cookie = await PasskeySignInAsync(user, passkey);

        // There is no current password to give: naming one is refused on that field, and counts towards nothing.
        var withCurrent = await PostWithCookieAsync(cookie, new { current_password = "Correct-Horse-Battery-9", new_password = NewPassword });
        await withCurrent.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await withCurrent.JsonAsync())["details"]!["current_password"]);
        // The password rules hold.
        var weak = await PostWithCookieAsync(cookie, new { new_password = "password1234" });
        await weak.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await weak.JsonAsync())["details"]!["new_password"]);

        await TestSessions.CloseReauthenticationWindowAsync(portal.Host, user.UserId);
        var refused = await PostWithCookieAsync(cookie, new { new_password = NewPassword });
        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "REAUTHENTICATION_REQUIRED");

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.False(await users.HasPasswordAsync((await users.FindByIdAsync(user.UserId.ToString()))!));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.SecurityEvents.IgnoreQueryFilters().AnyAsync(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.PasswordSet));
    }

    [Fact]
    public async Task A_user_with_a_password_who_leaves_the_current_one_out_is_400_naming_it_even_in_the_window()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!; // a fresh sign-in: the window is open
        var response = await _client.SendWithBearerAsync(HttpMethod.Post, Path, access, new { new_password = NewPassword });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await response.JsonAsync())["details"]!["current_password"]);
        // Nothing changed: the old password still signs in.
        Assert.NotNull((string?)(await _client.LoginAsync(user))["access_token"]);
    }

    /// <summary>A user with no password and one passkey, as accepting an invitation with a passkey leaves them.</summary>
    private async Task<(TestUser User, SoftwarePasskey Passkey)> PasswordlessUserAsync()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        await using (var scope = portal.Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.RemovePasswordAsync((await users.FindByIdAsync(user.UserId.ToString()))!)).Succeeded);
        }
        return (user, await SoftwarePasskey.RegisterAsync(portal.Host, user.UserId));
    }

    /// <summary>Signs in with the passkey on the dashboard's sign-in page; the session cookie (name=value).</summary>
    private async Task<string> PasskeySignInAsync(TestUser user, SoftwarePasskey passkey) =>
        DashboardSignIn.SessionCookie(await DashboardSignIn.PasskeySignInAsync(_client, portal.Host, passkey, user.UserId));

    private Task<HttpResponseMessage> PostWithCookieAsync(string cookie, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        return _client.SendAsync(request);
    }
}
