using Boltly.Platform.Scheduling;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Platform.Scheduling;

/// <summary>A host with the scheduler on, on the test's own database, running <paramref name="job"/> besides the app's jobs.</summary>
public sealed class JobHost(string database, IScheduledJob job, IDictionary<string, string?>? settings = null)
    : PortalHost(Settings(database, settings))
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton(job));
    }

    private static Dictionary<string, string?> Settings(string database, IDictionary<string, string?>? extra)
    {
        var all = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database, ["Scheduling:Enabled"] = "true" };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) all[k] = v;
        return all;
    }
}
