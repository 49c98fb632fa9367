using Boltly.Hosting;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Boltly.E2E.Infrastructure.PortalUnderTest))]

namespace Boltly.E2E.Infrastructure;

/// <summary>
/// The portal the suite drives and the one shared browser. By default a real Kestrel host of the app
/// on the test database (the demo account seeded); with <c>E2E_BASE_URL</c> set, a portal already
/// running elsewhere (QA's staging). Chromium is Debian's, headless unless <c>HEADED=1</c>.
/// </summary>
public sealed class PortalUnderTest : IAsyncLifetime
{
    public const string DemoEmail = "demo@boltly.local";
    public static string DemoPassword => Environment.GetEnvironmentVariable("E2E_DEMO_PASSWORD") ?? "Demo-Password-123!";

    private IPlaywright? _playwright;

    public PortalHost? Host { get; private set; }
    public Uri BaseUrl { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>For API calls outside the browser (<c>Playwright.APIRequest</c>): no dashboard cookie rides along.</summary>
    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("The portal under test is not initialised.");
    public bool IsLocal => Host is not null;

    public async ValueTask InitializeAsync()
    {
        // The screenshots folder shows this run's pages only: a picture no test takes any more does not linger.
        var screenshots = Path.Combine(BrowserTest.ArtifactsRoot, "screenshots");
        if (Directory.Exists(screenshots)) Directory.Delete(screenshots, recursive: true);

        var external = Environment.GetEnvironmentVariable("E2E_BASE_URL");
        if (string.IsNullOrEmpty(external))
        {
            // The passkey flow browses http://localhost:PORT (WebAuthn refuses an address): the portal answers for that
            // name and accepts that origin only because they are configured (docs/security-http.md), so the port is
            // chosen first.
            var port = PortalHost.FreePort();
            Host = await PortalHost.StartAsync(new PortalHost(port: port, settings: new Dictionary<string, string?>
            {
                ["Portal:ExtraHosts:1"] = "localhost",   // beside PortalHost's 127.0.0.1
                ["Passkeys:AllowedOrigins:0"] = $"http://localhost:{port}",
                ["Seed:DemoPassword"] = DemoPassword,
                ["AccountSecurity:SessionRevalidationSeconds"] = "2",
                // The webhooks flow subscribes a receiver on loopback and watches its delivery.
                ["Webhooks:AllowLoopback"] = "true",
                ["Webhooks:DeliveryWorkerEnabled"] = "true",
                // The usage tests and the accessibility walks reload a key's page until its requests are counted:
                // counts reach PostgreSQL every 2 s here rather than every 10 s (docs/usage.md), the same path sooner.
                ["Usage:RollupFlushSeconds"] = "2",
            }));
            await using var scope = Host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            BaseUrl = Host.BaseAddress;
        }
        else
        {
            BaseUrl = new Uri(external.TrimEnd('/') + "/");
        }

        // A 2-core CI machine renders slower than a laptop: give assertions the same patience as actions.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = Environment.GetEnvironmentVariable("HEADED") != "1",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh account and owner; needs direct access to the portal's database (local host).</summary>
    public async Task<TestUser> CreateUserAsync()
    {
        if (Host is null) Assert.Skip("Fresh users need the local host (E2E_BASE_URL points at a portal whose database the suite cannot reach).");
        return await TestUser.CreateAsync(Host);
    }

    /// <summary>As if the user's sign-ins were an hour old: every one of their sessions is outside its re-authentication
    /// window, so the next sensitive action asks (docs/sessions.md). Needs the local host.</summary>
    public Task CloseReauthenticationWindowAsync(TestUser user)
    {
        if (Host is null) Assert.Skip("Closing the re-authentication window needs the local host's database.");
        return TestSessions.CloseReauthenticationWindowAsync(Host, user.UserId);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}
