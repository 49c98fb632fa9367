using MudBlazor;

namespace Boltly.Components.Layout;

/// <summary>The navigation: only pages that exist.</summary>
public static class NavigationItems
{
    public sealed record Item(string Title, string Href, string Icon);

    public static readonly Item Dashboard = new("Dashboard", "/", Icons.Material.Filled.Dashboard);

    public static readonly IReadOnlyList<Item> Settings =
    [
        new("Security", "/settings/security", Icons.Material.Filled.Security),
        new("Password", "/settings/password", Icons.Material.Filled.Password),
        new("Sessions", "/settings/sessions", Icons.Material.Filled.Devices),
        new("API Keys", "/settings/api-keys", Icons.Material.Filled.VpnKey),
        new("Key policy", "/settings/key-policy", Icons.Material.Filled.Policy),
        new("Members", "/settings/members", Icons.Material.Filled.Group),
        new("Activity", "/settings/activity", Icons.Material.Filled.History),
    ];

    /// <summary>Developer pages inside the dashboard.</summary>
    public static readonly IReadOnlyList<Item> DeveloperPages =
    [
        new("Webhooks", "/developers/webhooks", Icons.Material.Filled.Webhook),
    ];

    /// <summary>Outside the Blazor router: a full page load.</summary>
    public static readonly IReadOnlyList<Item> Developers =
    [
        new("API reference", "/docs", Icons.Material.Filled.MenuBook),
    ];

    /// <summary>Every item the navigation shows, in its order (the accessibility check walks this list).</summary>
    public static IEnumerable<Item> All => [Dashboard, .. Settings, .. DeveloperPages, .. Developers];
}
