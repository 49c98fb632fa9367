using Microsoft.Playwright;

namespace Boltly.E2E.Pages;

/// <summary>A key's detail page, /settings/api-keys/{id}.</summary>
public sealed class ApiKeyDetailPage(IPage page)
{
    public ILocator Name => page.GetByTestId("key-detail-name");
    public ILocator Status => page.GetByTestId("key-detail-status");
    public ILocator Settings => page.GetByTestId("key-settings");
    public ILocator Chart => page.GetByTestId("usage-chart");
    public ILocator ChartDrawing => page.GetByTestId("usage-chart-drawing");
    public ILocator UsageEmpty => page.GetByTestId("key-usage-empty");
    public ILocator Requests => page.GetByTestId("request-log-entry");
    public ILocator RequestStatuses => page.GetByTestId("request-log-status");
    public ILocator RequestsEmpty => page.GetByTestId("requests-empty");
    public ILocator NotFound => page.GetByTestId("key-not-found");

    public Task GotoAsync(Guid id) => page.GotoAsync($"settings/api-keys/{id}");

    public Task FilterAsync(string status) => page.GetByTestId($"request-status-{status}").ClickAsync();
}
