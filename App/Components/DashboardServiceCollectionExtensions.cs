using Boltly.Components.Shared;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor;
using MudBlazor.Services;

namespace Boltly.Components;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The Blazor Server dashboard: MudBlazor, auth state that follows security-stamp changes.</summary>
    public static WebApplicationBuilder AddBoltlyDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<CircuitClientInfo>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitClientInfo>());
        return builder;
    }
}
