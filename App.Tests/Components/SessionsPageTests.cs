using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SessionsPage = Boltly.Features.Sessions.Pages.Sessions;

namespace Boltly.Tests.Components;

/// <summary>Settings → Sessions against the real SessionService: this device marked, revoke one, revoke all others.</summary>
public sealed class SessionsPageTests(SharedPortal portal) : ApiKeysTestContext(portal)
{
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    [Fact]
    public async Task The_list_marks_this_device_and_revoking_another_ends_it()
    {
        await ArrangeAsync();
        var other = await StartAsync(Firefox);
        var cut = Render<SessionsPage>();
        RenderProviders();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=session-row]").Count));
        var current = cut.Find("[data-current=true]");
        Assert.Contains("This device", current.TextContent);
        Assert.Empty(current.QuerySelectorAll("[data-testid=revoke-session]"));
        var row = cut.Find($"[data-session-id='{other}']");
        Assert.Contains("Firefox on Windows", row.TextContent);

        row.QuerySelector("[data-testid=revoke-session]")!.Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=session-row]")));
        Assert.Null(await Services.GetRequiredService<SessionStore>().GetLiveAsync(other, User.UserId));
        Assert.NotNull(await Services.GetRequiredService<SessionStore>().GetLiveAsync(SessionId, User.UserId));
    }

    [Fact]
    public async Task Sign_out_all_others_keeps_this_device()
    {
        await ArrangeAsync();
        var first = await StartAsync(Firefox);
        var second = await StartAsync(null);
        var cut = Render<SessionsPage>();
        RenderProviders();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=session-row]").Count));

        cut.Find("[data-testid=revoke-others]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=session-row]")));
        Assert.Equal("true", cut.Find("[data-testid=session-row]").GetAttribute("data-current"));
        var store = Services.GetRequiredService<SessionStore>();
        Assert.Null(await store.GetLiveAsync(first, User.UserId));
        Assert.Null(await store.GetLiveAsync(second, User.UserId));
        Assert.Contains("disabled", cut.Find("[data-testid=revoke-others]").OuterHtml);
    }

    private Task<Guid> StartAsync(string? userAgent) => Services.GetRequiredService<SessionService>().StartAsync(
        new NewSession(User.UserId, User.AccountId, User.Email, SessionKind.Browser, new ClientInfo("203.0.113.7", userAgent)));
}
