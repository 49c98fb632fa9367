using Boltly.Components;
using Boltly.Features.AccountSecurity;
using Boltly.Features.ApiKeys;
using Boltly.Features.Auth;
using Boltly.Features.Broadcasts;
using Boltly.Features.Contacts;
using Boltly.Features.Inbox;
using Boltly.Features.Members;
using Boltly.Features.Passkeys;
using Boltly.Features.Passwords;
using Boltly.Features.Registration;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Features.SignIn;
using Boltly.Features.Templates;
using Boltly.Features.TwoFactor;
using Boltly.Features.Usage;
using Boltly.Features.Webhooks;
using Boltly.Hosting;
using Boltly.Platform.Api;
using Boltly.Platform.Auth;
using Boltly.Platform.Caching;
using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Boltly.Platform.Health;
using Boltly.Platform.Idempotency;
using Boltly.Platform.Metrics;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Boltly.Platform.RateLimiting;
using Boltly.Platform.Redis;
using Boltly.Platform.Scheduling;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The top-level appsettings.json and wwwroot/ are copied beside the app, under dotnet run and publish alike.
    ContentRootPath = AppContext.BaseDirectory,
});

// Platform: what every feature uses (docs/architecture.md).
builder.AddBoltlyHosting();
builder.AddBoltlyData();
builder.AddBoltlyRedis();
builder.AddBoltlyCaching();
builder.AddBoltlyRateLimiting();
builder.AddBoltlyPagination();
builder.AddBoltlyIdempotency();
builder.AddBoltlyAuthorization();
builder.AddBoltlyApi();
builder.AddBoltlyApiReference();
builder.AddBoltlyHealth();
builder.AddBoltlyMetrics();
builder.AddBoltlyEmail();
builder.AddBoltlyScheduling();

// Features: one folder each under App/Features.
builder.AddBoltlySecurityEvents();
builder.AddBoltlyAuth();
builder.AddBoltlySessions();
builder.AddBoltlyPasswords();
builder.AddBoltlyTwoFactor();
builder.AddBoltlyPasskeys();
builder.AddBoltlySignIn();
builder.AddBoltlyAccountSecurity();
builder.AddBoltlyRegistration();
builder.AddBoltlyApiKeys();
builder.AddBoltlyMembers();
builder.AddBoltlyWebhooks();
builder.AddBoltlyContacts();
builder.AddBoltlyInbox();
builder.AddBoltlyTemplates();
builder.AddBoltlyBroadcasts();
builder.AddBoltlyUsage();

// The dashboard's shell: layout, navigation, MudBlazor.
builder.AddBoltlyDashboard();

// The benchmark's comparisons (Bench environment only; refused anywhere else).
builder.AddBoltlyBenchSwitches();

var app = builder.Build();

app.UseBoltlyPipeline();
app.MapBoltlyApiReference();
app.MapBoltlyEndpoints();

await app.RunBoltlyAsync();

public partial class Program;
