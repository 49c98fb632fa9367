using Boltly.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Boltly.E2E.Infrastructure;

/// <summary>
/// One browser context per test, traced. When a test fails, its screenshot and Playwright trace are
/// kept under <c>App.E2E/artifacts/&lt;test&gt;/</c> (open the trace with <c>playwright show-trace</c>).
/// </summary>
public abstract class BrowserTest(PortalUnderTest portal) : IAsyncLifetime
{
    protected PortalUnderTest Portal { get; } = portal;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    public static string ArtifactsRoot =>
        Path.Combine(TestServices.RepositoryRoot() ?? AppContext.BaseDirectory, "App.E2E", "artifacts");

    public virtual async ValueTask InitializeAsync()
    {
        (Context, Page) = await NewContextAsync();
    }

    /// <summary>A second, independent browser session (its own cookies).</summary>
    protected async Task<(IBrowserContext Context, IPage Page)> NewContextAsync(int width = 1280, int height = 800)
    {
        var context = await Portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        return (context, await context.NewPageAsync());
    }

    public virtual async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var name = Sanitize(TestContext.Current.Test?.TestDisplayName ?? "test");
        if (failed)
        {
            var dir = Path.Combine(ArtifactsRoot, name);
            Directory.CreateDirectory(dir);
            try { await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "failure.png"), FullPage = true }); }
            catch (PlaywrightException) { }
            await Context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(dir, "trace.zip") });
        }
        else
        {
            await Context.Tracing.StopAsync();
        }
        await Context.CloseAsync();
    }

    /// <summary>Saves a screenshot for people to look at (not only on failure).</summary>
    protected async Task SaveScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(ArtifactsRoot, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static string Sanitize(string value) =>
        new(value.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(120).ToArray());
}
