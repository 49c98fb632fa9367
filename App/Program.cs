using Boltly.Api;
using Boltly.Api.OpenApi;
using Boltly.Domain.ApiKeys;
using Boltly.Components;
using Boltly.Infrastructure.Auth;
using Boltly.Infrastructure.Data;
using Boltly.Infrastructure.Health;
using Boltly.Infrastructure.Hosting;
using Boltly.Infrastructure.Redis;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The top-level appsettings.json and wwwroot/ are copied beside the app, under dotnet run and publish alike.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddBoltlyHosting();
builder.AddBoltlyData();
builder.AddBoltlyRedis();
builder.AddBoltlyAuthentication();
builder.AddBoltlyAccountSecurity();
builder.AddBoltlyApiKeys();
builder.AddBoltlyApi();
builder.AddBoltlyPublicApi();
builder.AddBoltlyApiReference();
builder.AddBoltlyDashboard();
builder.AddBoltlyHealth();

var app = builder.Build();

app.UseBoltlyPipeline();
app.MapBoltlyApiReference();
app.MapBoltlyEndpoints();

await app.RunBoltlyAsync();

public partial class Program;
