using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Boltly.Features.Passkeys;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Text;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>
/// Passkeys against the real host, PostgreSQL and Redis (docs/passkeys.md): the 10-passkey limit at the options
/// endpoint (409 in the contract's form), names under the text rules, another user's passkey out of reach, security
/// events, and the ceremony endpoints' antiforgery and sign-in checks. The WebAuthn ceremonies themselves run in
/// App.E2E on Chromium's virtual authenticator; stored passkeys here are made with Identity's own store.
/// </summary>
public sealed partial class PasskeyTests(SharedPortal portal)
{
    private static readonly ClientInfo Client = new("127.0.0.1", "PasskeyTests");

    // A caller just signed in, with the claims a dashboard cookie carries: a live browser session, so its
    // re-authentication window is open (docs/sessions.md).
    private async Task<Boltly.Platform.Auth.Caller> RecentlySignedInAsync(TestUser user)
    {
        var sessions = portal.Host.Services.GetRequiredService<SessionService>();
        var sid = await sessions.StartAsync(new NewSession(user.UserId, user.AccountId, user.Email, SessionKind.Browser, Client));
        return Boltly.Platform.Auth.Caller.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(Boltly.Platform.Auth.BoltlyClaims.Subject, user.UserId.ToString()),
             new Claim(Boltly.Platform.Auth.BoltlyClaims.AccountId, user.AccountId.ToString()),
             new Claim(Boltly.Platform.Auth.BoltlyClaims.SessionId, sid.ToString())], "test")))!;
    }
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task Adding_or_removing_a_passkey_without_a_recent_sign_in_is_refused_and_changes_nothing()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        await TestSessions.StorePasskeysAsync(portal.Host, user.UserId, 1);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var (service, appUser) = await ServiceAsync(scope, user);
        var passkey = Assert.Single(await service.ListAsync(user.UserId));
        var noSession = Boltly.Platform.Auth.Caller.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(Boltly.Platform.Auth.BoltlyClaims.Subject, user.UserId.ToString()),
             new Claim(Boltly.Platform.Auth.BoltlyClaims.AccountId, user.AccountId.ToString())], "test")))!;

        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => service.RemoveAsync(noSession, appUser, passkey.Id, Client));
        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => service.BeginRegistrationAsync(noSession, appUser));
        Assert.Single(await service.ListAsync(user.UserId));
    }

    [Fact]
    public async Task Creation_options_are_issued_until_the_limit_then_refused_with_409()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (cookies, token) = await SignedInPageAsync(user);

        var first = await PostAsync(PasskeyEndpoints.CreationOptionsPath, cookies, token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var options = JsonDocument.Parse(await first.Content.ReadAsStringAsync()))
        {
            Assert.False(string.IsNullOrEmpty(options.RootElement.GetProperty("challenge").GetString()));
            Assert.Equal(user.Email, options.RootElement.GetProperty("user").GetProperty("name").GetString());
        }

        await TestSessions.StorePasskeysAsync(portal.Host, user.UserId, 10);
        var refused = await PostAsync(PasskeyEndpoints.CreationOptionsPath, cookies, token);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var error = await refused.Content.ReadFromJsonAsync<ApiError>();
        Assert.Equal(ErrorCodes.InvalidState, error!.Error);
        Assert.Contains("10 passkeys", error.Message);

        // One fewer, and the next one may be started again.
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var (service, appUser) = await ServiceAsync(scope, user);
        var list = await service.ListAsync(user.UserId);
        Assert.Equal(10, list.Count);
        await service.RemoveAsync(await RecentlySignedInAsync(user), appUser, list[0].Id, Client);
        var again = await PostAsync(PasskeyEndpoints.CreationOptionsPath, cookies, token);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Ceremony_endpoints_need_the_antiforgery_token_and_the_dashboard_session()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (cookies, token) = await SignedInPageAsync(user);

        var noToken = await PostAsync(PasskeyEndpoints.CreationOptionsPath, cookies, token: null);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(ErrorCodes.ValidationFailed, (await noToken.Content.ReadFromJsonAsync<ApiError>())!.Error);

        // Signed out (an anonymous page's token): no passkey can be started, nor a re-authentication.
        var form = await DashboardSignIn.OpenFormAsync(_client);
        foreach (var path in new[] { PasskeyEndpoints.CreationOptionsPath, PasskeyEndpoints.ReauthenticationOptionsPath })
        {
            var anonymous = await PostAsync(path, form.Cookies, form.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(ErrorCodes.Unauthorized, (await anonymous.Content.ReadFromJsonAsync<ApiError>())!.Error);
        }

        // Sign-in options are for anyone on the sign-in page, and name no account.
        var signIn = await PostAsync(PasskeyEndpoints.SignInOptionsPath, form.Cookies, form.Token);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        using var options = JsonDocument.Parse(await signIn.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(options.RootElement.GetProperty("challenge").GetString()));
        Assert.True(!options.RootElement.TryGetProperty("allowCredentials", out var allowed) || allowed.GetArrayLength() == 0);
    }

    [Fact]
    public async Task A_reauthentication_that_does_not_verify_is_400_and_recorded()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (cookies, token) = await SignedInPageAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(PasskeyEndpoints.ReauthenticationOptionsPath, cookies, token)).StatusCode);

        var refused = await PostAsync(PasskeyEndpoints.ReauthenticatePath, cookies, token, new { credential = "{\"id\":\"bm90LWEta2V5\"}" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = await refused.Content.ReadFromJsonAsync<ApiError>();
        Assert.Equal(ErrorCodes.ValidationFailed, error!.Error);
        Assert.True(error.Details!.ContainsKey("credential"));

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.SecurityEvents.IgnoreQueryFilters().CountAsync(e => e.UserId == user.UserId
            && e.Type == SecurityEventTypes.PasskeyReauthentication && e.Outcome == SecurityEventOutcomes.Failure));
    }

    [Fact]
    public async Task Another_users_passkey_can_be_neither_renamed_nor_removed()
    {
        var owner = await TestUser.CreateAsync(portal.Host);
        var other = await TestUser.CreateAsync(portal.Host);
        await TestSessions.StorePasskeysAsync(portal.Host, owner.UserId, 1);

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var (service, otherUser) = await ServiceAsync(scope, other);
        var ownersPasskey = Assert.Single(await service.ListAsync(owner.UserId));

        var otherCaller = await RecentlySignedInAsync(other);
        await Assert.ThrowsAsync<PasskeyNotFoundException>(() => service.RenameAsync(otherCaller, otherUser, ownersPasskey.Id, "Mine now", Client));
        await Assert.ThrowsAsync<PasskeyNotFoundException>(() => service.RemoveAsync(otherCaller, otherUser, ownersPasskey.Id, Client));
        await Assert.ThrowsAsync<PasskeyNotFoundException>(() => service.RemoveAsync(otherCaller, otherUser, "not base64url!", Client));

        var untouched = Assert.Single(await service.ListAsync(owner.UserId));
        Assert.Equal(ownersPasskey.Name, untouched.Name);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.SecurityEvents.IgnoreQueryFilters().CountAsync(e => e.UserId == other.UserId && e.Type.StartsWith("passkey_")));
    }

    [Theory]
    [InlineData("", "Enter a name for the passkey.")]
    [InlineData("   ", "Enter a name for the passkey.")]
    [InlineData("evil\u202Etxt.exe", TextRules.InvisibleCharacterMessage)]
    [InlineData("zero\u200Bwidth", TextRules.InvisibleCharacterMessage)]
    [InlineData("line\nbreak", TextRules.InvisibleCharacterMessage)]
    [InlineData("nul\0byte", TextRules.NulMessage)]
    public async Task Hostile_or_empty_names_are_refused_and_change_nothing(string name, string message)
    {
        var user = await TestUser.CreateAsync(portal.Host);
        await TestSessions.StorePasskeysAsync(portal.Host, user.UserId, 1);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var (service, appUser) = await ServiceAsync(scope, user);
        var passkey = Assert.Single(await service.ListAsync(user.UserId));

        var caller = await RecentlySignedInAsync(user);
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => service.RenameAsync(caller, appUser, passkey.Id, name, Client));
        Assert.Equal(message, Assert.Single(refused.Errors["name"]));
        Assert.Equal(passkey.Name, Assert.Single(await service.ListAsync(user.UserId)).Name);
    }

    [Fact]
    public async Task A_name_is_trimmed_and_limited_in_length_and_every_change_is_a_security_event()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        await TestSessions.StorePasskeysAsync(portal.Host, user.UserId, 1);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var (service, appUser) = await ServiceAsync(scope, user);
        var passkey = Assert.Single(await service.ListAsync(user.UserId));

        var tooLong = new string('a', service.NameMaxLength + 1);
        Assert.Equal($"The name can be at most {service.NameMaxLength} characters.", service.NameProblem(tooLong));
        Assert.Null(service.NameProblem(new string('a', service.NameMaxLength)));
        Assert.Null(service.NameProblem("Clé USB 🔑 de Zoë"));

        await service.RenameAsync(await RecentlySignedInAsync(user), appUser, passkey.Id, "  Work laptop  ", Client);
        Assert.Equal("Work laptop", Assert.Single(await service.ListAsync(user.UserId)).Name);
        await service.RemoveAsync(await RecentlySignedInAsync(user), appUser, passkey.Id, Client);
        Assert.Empty(await service.ListAsync(user.UserId));

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.SecurityEvents.IgnoreQueryFilters().Where(e => e.UserId == user.UserId).OrderBy(e => e.OccurredAt).ToListAsync();
        Assert.Contains(events, e => e.Type == SecurityEventTypes.PasskeyRenamed && e.Detail == "Work laptop" && e.AccountId == user.AccountId);
        Assert.Contains(events, e => e.Type == SecurityEventTypes.PasskeyRemoved && e.Detail == "Work laptop");
        // A passkey change ends no session: the security stamp did not move.
        var stamp = (await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.UserId)).SecurityStamp;
        Assert.Equal(appUser.SecurityStamp, stamp);
    }

    private static async Task<(PasskeyService Service, AppUser User)> ServiceAsync(AsyncServiceScope scope, TestUser user)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (scope.ServiceProvider.GetRequiredService<PasskeyService>(), (await users.FindByIdAsync(user.UserId.ToString()))!);
    }

    /// <summary>Signs in and opens Settings → Security: the cookies and the page's antiforgery token.</summary>
    private async Task<(string Cookies, string Token)> SignedInPageAsync(TestUser user)
    {
        var session = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(_client, await DashboardSignIn.OpenFormAsync(_client), user));
        var request = new HttpRequestMessage(HttpMethod.Get, "/settings/security");
        request.Headers.Add("Cookie", session);
        var page = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, "no antiforgery token on Settings → Security");
        var set = page.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];
        return (string.Join("; ", new[] { session }.Concat(set)), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string cookies, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Cookie", cookies);
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);
        request.Content = body is null ? new StringContent("") : JsonContent.Create(body);
        return _client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
