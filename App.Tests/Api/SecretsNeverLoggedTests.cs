using System.Net;
using System.Net.Http.Json;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OtpNet;

namespace Boltly.Tests.Api;

/// <summary>
/// Every flow that handles a secret (passwords, access and refresh tokens, the mfa_token, API keys,
/// TOTP seeds, recovery codes, webhook signing secrets), run with every log category at Trace: none of
/// those values appears in any log entry.
/// </summary>
public sealed class SecretsNeverLoggedTests
{
    [Fact]
    public async Task No_secret_reaches_a_log_entry_at_any_level()
    {
        await using var host = await PortalHost.StartAsync(new LoggingPortal());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var secrets = new List<string> { user.Password };

        // Password sign-in, a wrong password, refresh, logout.
        await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = "Wrong-Horse-Battery-77" });
        secrets.Add("Wrong-Horse-Battery-77");
        var login = await client.LoginAsync(user);
        var access = (string)login["access_token"]!;
        secrets.Add(access);
        secrets.Add((string)login["refresh_token"]!);
        var refreshed = await (await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = (string)login["refresh_token"]! })).JsonAsync();
        secrets.Add((string)refreshed["refresh_token"]!);
        access = (string)refreshed["access_token"]!;
        secrets.Add(access);
        // The retired token again: reuse detection logs the event, never the token.
        await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = (string)login["refresh_token"]! });
        access = await client.AccessTokenAsync(user);

        // An API key: created, used both ways, and an unknown one of the right shape.
        var key = await client.CreateKeyAsync(access, [ScopeCatalog.ContactsRead]);
        secrets.Add(key.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami").WithBearer(key.Secret))).StatusCode);
        var unknown = ApiKeyFormat.Generate().Secret;
        secrets.Add(unknown);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithKeyAsync("/v1/developer-access/whoami", unknown)).StatusCode);

        // A webhook's signing secret.
        var webhook = await (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/webhooks", access,
            new { url = "https://hooks.example.com/boltly" })).JsonAsync();
        secrets.Add((string)webhook["signing_secret"]!);

        // 2FA: the seed, the recovery codes, the mfa_token, a recovery-code sign-in.
        var seed = (string)(await (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", access)).JsonAsync())["shared_key"]!;
        secrets.Add(seed);
        var enable = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/enable", access,
            new { code = new Totp(Base32Encoding.ToBytes(seed)).ComputeTotp(host.Clock.GetUtcNow().UtcDateTime) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var recovery = (await enable.JsonAsync())["recovery_codes"]!.AsArray().Select(c => (string)c!).ToList();
        secrets.AddRange(recovery);
        var mfa = await TwoFactorPortal.MfaTokenAsync(client, user);
        secrets.Add(mfa);
        var pair = await TwoFactorPortal.TokenPairAsync(await TwoFactorPortal.SecondStepAsync(client, mfa, recovery[0]));
        access = (string)pair["access_token"]!;
        secrets.Add(access);

        // The dashboard's sign-in form (second step skipped: the form's password is what matters here).
        await DashboardSignIn.SubmitAsync(client, await DashboardSignIn.OpenFormAsync(client), user);

        // A password change.
        const string newPassword = "Quiet-Lantern-Orbit-2048";
        secrets.Add(newPassword);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/change-password", access,
            new { current_password = user.Password, new_password = newPassword })).StatusCode);

        var logs = host.Logs.Entries.ToList();
        // The capture works: the key's creation is logged, by its prefix.
        Assert.Contains(logs, e => e.Contains(key.Prefix, StringComparison.Ordinal));
        var leaks = logs.Where(e => secrets.Any(secret => e.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log entries hold a secret:\n{string.Join("\n", leaks.Take(5))}");
    }

    private sealed class LoggingPortal() : PortalHost(new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Trace",
    })
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
