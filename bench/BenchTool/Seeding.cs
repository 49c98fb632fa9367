using Boltly.Features.Auth;
using Boltly.Features.Passwords;
using Boltly.Features.TwoFactor;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Security;
using Boltly.Features.ApiKeys;
using Boltly.Features.Broadcasts;
using Boltly.Features.Contacts;
using Boltly.Features.Inbox;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Templates;
using Boltly.Features.Webhooks;
using Boltly.Platform.Data;
using Boltly.Platform.Idempotency;
using Boltly.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Boltly.Bench;

/// <summary>Creates the bench account and owner with the app's own seeder (the app seeds only in Development).</summary>
public static class Seeding
{
    public static async Task<int> SeedAsync(string postgres, string email, string password)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "Boltly.Bench" })
            .AddSingleton(Options.Create(new SeedOptions { AccountName = "Bench", DemoEmail = email, DemoPassword = password }))
            .AddDbContext<AppDbContext>(o => DataServiceCollectionExtensions.Configure(o, postgres))
            .AddScoped<DemoSeeder>();
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<AppDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        return 0;
    }
}
