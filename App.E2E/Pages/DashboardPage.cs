using Microsoft.Playwright;

namespace Boltly.E2E.Pages;

/// <summary>The signed-in shell: app bar, navigation, sign-out.</summary>
public sealed class DashboardPage(IPage page)
{
    public ILocator Title => page.GetByTestId("dashboard-title");
    public ILocator AccountName => page.GetByTestId("account-name");
    public ILocator UserEmail => page.GetByTestId("user-email");

    /// <summary>Prerendered pages ignore clicks until the circuit connects; the layout shows this marker then.</summary>
    public Task WaitForInteractiveAsync() =>
        page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public Task SignOutAsync() => page.GetByTestId("sign-out").ClickAsync();
}
