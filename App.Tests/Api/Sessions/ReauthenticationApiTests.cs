using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Sessions;

/// <summary>Sudo mode (docs/sessions.md, "What needs re-authentication"): each sensitive action is refused once the
/// sign-in is older than the window, and allowed again after <c>POST /v1/auth/reauthenticate</c>.</summary>
public sealed class ReauthenticationApiTests(TwoFactorPortal portal) : IClassFixture<TwoFactorPortal>
{
    private static readonly TimeSpan PastTheWindow = TimeSpan.FromMinutes(11);
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    public static TheoryData<string> Actions => ["create key", "revoke key", "create webhook", "delete webhook",
        "rotate webhook secret",
        "2fa setup", "2fa enable", "2fa disable", "recovery codes"];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_sensitive_action_is_refused_without_a_recent_sign_in_and_allowed_after_reauthenticating(string action)
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, access) = await PrepareAsync(action, user);
        portal.Host.Clock.Advance(PastTheWindow);

        var refused = await SendAsync(action, access, secret);
        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "REAUTHENTICATION_REQUIRED");

        var reauth = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/reauthenticate", access, new { password = user.Password });
        Assert.Equal(HttpStatusCode.NoContent, reauth.StatusCode);
        if (secret is not null) portal.NextStep();

        var allowed = await SendAsync(action, access, secret);
        Assert.True(allowed.IsSuccessStatusCode, $"{action}: {(int)allowed.StatusCode} {await allowed.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_fresh_sign_in_opens_the_window_and_whoami_shows_until_when()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        var now = portal.Host.Clock.GetUtcNow();

        var whoami = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", access)).JsonAsync();
        var until = DateTimeOffset.Parse((string)whoami["reauthenticated_until"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(until, now.AddMinutes(9), now.AddMinutes(11));

        portal.Host.Clock.Advance(PastTheWindow);
        var later = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", access)).JsonAsync();
        Assert.Null(later["reauthenticated_until"]);
    }

    [Fact]
    public async Task A_code_reauthenticates_a_two_factor_user()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, _) = await portal.EnableTwoFactorAsync(_client, user);
        var access = await TwoFactorSignInAsync(user, secret);
        portal.Host.Clock.Advance(PastTheWindow);
        await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/recovery-codes", access, new { code = portal.Code(secret) }))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "REAUTHENTICATION_REQUIRED");

        var wrong = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/reauthenticate", access, new { code = "000000" });
        await wrong.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var right = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/reauthenticate", access, new { code = portal.Code(secret) });
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
    }

    [Fact]
    public async Task Wrong_reauthentication_attempts_lock_the_account_like_failed_sign_ins()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        for (var i = 0; i < 5; i++)
            await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/reauthenticate", access, new { password = "wrong-password-" + i }))
                .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        // Locked: the right password is refused too, here and at sign-in.
        await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/reauthenticate", access, new { password = user.Password }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var login = await _client.PostAsync("/v1/auth/login", System.Net.Http.Json.JsonContent.Create(new { email = user.Email, password = user.Password }));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Reauthenticate_wants_exactly_one_of_password_and_code()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/reauthenticate", access, new { }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/reauthenticate", access, new { password = user.Password, code = "123456" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    private async Task<string> TwoFactorSignInAsync(TestUser user, string secret)
    {
        var mfa = await TwoFactorPortal.MfaTokenAsync(_client, user);
        portal.NextStep();
        return (string)(await TwoFactorPortal.TokenPairAsync(await TwoFactorPortal.SecondStepAsync(_client, mfa, portal.Code(secret))))["access_token"]!;
    }

    private string? _target;

    // Sets up what the action acts on while the sign-in is fresh; returns the TOTP secret for 2FA actions.
    private async Task<(string? Secret, string Access)> PrepareAsync(string action, TestUser user)
    {
        switch (action)
        {
            case "revoke key":
            {
                var access = (string)(await _client.LoginAsync(user))["access_token"]!;
                _target = (await _client.CreateKeyAsync(access, ["contacts:read"])).Id.ToString();
                return (null, access);
            }
            case "delete webhook" or "rotate webhook secret":
            {
                var access = (string)(await _client.LoginAsync(user))["access_token"]!;
                var hook = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/webhooks", access, new { url = "https://hooks.example.com/x" });
                Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
                _target = (string)(await hook.JsonAsync())["id"]!;
                return (null, access);
            }
            case "2fa enable":
            {
                var access = (string)(await _client.LoginAsync(user))["access_token"]!;
                var setup = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", access);
                return ((string)(await setup.JsonAsync())["shared_key"]!, access);
            }
            case "2fa disable" or "recovery codes":
            {
                var (secret, _) = await portal.EnableTwoFactorAsync(_client, user);
                return (secret, await TwoFactorSignInAsync(user, secret));
            }
            default:
                return (null, (string)(await _client.LoginAsync(user))["access_token"]!);
        }
    }

    private Task<HttpResponseMessage> SendAsync(string action, string access, string? secret) => action switch
    {
        "create key" => _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", access, new { name = "k", scopes = new[] { "contacts:read" } }),
        "revoke key" => _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{_target}", access),
        "create webhook" => _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/webhooks", access, new { url = "https://hooks.example.com/y" }),
        "delete webhook" => _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/webhooks/{_target}", access),
        "rotate webhook secret" => _client.SendWithBearerAsync(HttpMethod.Post, $"/v1/developer-access/webhooks/{_target}/rotate-secret", access, new { }),
        "2fa setup" => _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", access),
        "2fa enable" => _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/enable", access, new { code = portal.Code(secret!) }),
        "2fa disable" => _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/disable", access, new { code = portal.Code(secret!) }),
        "recovery codes" => _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/recovery-codes", access, new { code = portal.Code(secret!) }),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
