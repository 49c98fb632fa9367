using Boltly.Migrations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port, on the test PostgreSQL database and Redis. Tests talk to it
/// over HTTP. Several hosts can share the same database and Redis to act as several instances.
/// </summary>
public class PortalHost : WebApplicationFactory<Program>
{
    public const string JwtKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string CacheMacKey = "dGVzdC1jYWNoZS1tYWMta2V5LTAxMjM0NTY3ODktYWJjZGVmZ2hpams=";
    public const string RecoveryCodePepper = "dGVzdC1yZWNvdmVyeS1wZXBwZXItMDEyMzQ1Njc4OS1hYmNkZWZnaGlq";
    private static readonly SemaphoreSlim MigrateLock = new(1, 1);
    private static bool _migrated;
    private readonly Dictionary<string, string?> _settings;

    /// <param name="redisPrefix">Hosts acting as instances of one deployment share a prefix; by default each
    /// host has its own, so rate-limit counters and cache entries of parallel tests never meet.</param>
    /// <param name="port">A port chosen beforehand (<see cref="FreePort"/>) when the settings must name it (a passkey
    /// origin); by default Kestrel picks one.</param>
    public PortalHost(IDictionary<string, string?>? settings = null, string? redis = null, string? redisPrefix = null, int port = 0)
    {
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = TestServices.Postgres,
            ["ConnectionStrings:Redis"] = redis ?? TestServices.Redis,
            ["Redis:KeyPrefix"] = redisPrefix ?? NewRedisPrefix(),
            ["Jwt:SigningKey"] = JwtKey,
            // One of each for every host of the run: hosts acting as instances must agree (docs/security.md).
            ["Cache:MacKey"] = CacheMacKey,
            ["TwoFactor:RecoveryCodePepper"] = RecoveryCodePepper,
            ["DataProtection:CertificatePath"] = TestServices.DataProtectionCertificate,
            ["Seed:Enabled"] = "false",
            // Tests call the host at http://127.0.0.1:PORT, whatever public URL a test sets (docs/security-http.md).
            ["Portal:ExtraHosts:0"] = "127.0.0.1",
            // Tests speak plain HTTP on loopback; TransportTests covers the HTTPS rule.
            ["Api:RequireHttps"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["RateLimits:SessionPerWindow"] = "100000",
            // Every test signs in from 127.0.0.1; the per-address throttle has its own test.
            ["RateLimits:SignInPerWindow"] = "100000",
            // Tests sign the same account in many times; the per-account limit has its own test.
            ["RateLimits:SignInPerAccountPerWindow"] = "100000",
            // Health is polled and tokens refreshed in loops; these per-address limits have their own test.
            ["RateLimits:HealthPerWindow"] = "100000",
            ["RateLimits:TokenPerWindow"] = "100000",
            // Sign-ups and resets come from 127.0.0.1, some to one address in a loop; the limits have their own test.
            ["RateLimits:AccountMailPerWindow"] = "100000",
            ["RateLimits:AccountMailPerRecipientPerWindow"] = "100000",
            // Invitations are accepted from 127.0.0.1 by many tests at once; the limit has its own test.
            ["RateLimits:InvitationPerWindow"] = "100000",
            // Mail goes to test.sh's smtp4dev, looked for often so a test reads it back soon (docs/email.md).
            ["Email:Smtp:Host"] = TestServices.SmtpHost ?? "127.0.0.1",
            ["Email:Smtp:Port"] = TestServices.SmtpPort ?? "25",
            ["Email:Outbox:PollIntervalMilliseconds"] = "500",
            // Jobs run only where a test asks for them, on a database of its own (IsolatedDatabase): on the
            // shared one, a host whose clock a test moved days ahead would purge other tests' idempotency keys.
            ["Scheduling:Enabled"] = "false",
            ["Scheduling:PollIntervalMilliseconds"] = "100",
            // Every host shares one database: a worker in any host would deliver other tests' events (with its own
            // loopback rule and clock). The delivery tests turn it on in their own hosts (WebhookDeliveryHost).
            ["Webhooks:DeliveryWorkerEnabled"] = "false",
        };
        if (settings is not null)
            foreach (var (k, v) in settings) _settings[k] = v;
        UseKestrel(port);
    }

    /// <summary>A loopback port free at this moment.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public TestClock Clock { get; } = new();

    /// <summary>The host environment; "Testing" unless a test needs Development's behaviour.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Every SQL command this host sent.</summary>
    public QueryCounter Queries { get; } = new();

    /// <summary>Holds one chosen SQL command of this host, to open a race window on purpose.</summary>
    public CommandGate Gate { get; } = new();

    public static string NewRedisPrefix() => $"test-{Guid.NewGuid():N}:";

    /// <summary>Applies migrations once per test run, then starts the server.</summary>
    public static async Task<T> StartAsync<T>(T host) where T : PortalHost
    {
        await EnsureMigratedAsync();
        host.StartServer();
        return host;
    }

    public static async Task EnsureMigratedAsync()
    {
        await MigrateLock.WaitAsync();
        try
        {
            if (_migrated) return;
            await Migrator.MigrateAsync(TestServices.Postgres);
            _migrated = true;
        }
        finally { MigrateLock.Release(); }
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>A plain HttpClient over the network to this host's Kestrel port.</summary>
    public HttpClient CreateHttpClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = BaseAddress,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseContentRoot(AppContext.BaseDirectory);
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.ConfigureLogging(logging => logging.AddProvider(new HostErrorLog()));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IWebhookHostResolver>();
            services.AddSingleton<IWebhookHostResolver, TestHostNames>();
            services.ConfigureDbContext<Boltly.Platform.Data.AppDbContext>(o => o.AddInterceptors(Queries, Gate));
        });
    }
}
