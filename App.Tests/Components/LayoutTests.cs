using Boltly.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Boltly.Tests.Components;

public sealed class LayoutTests : DashboardTestContext
{
    [Fact]
    public void Signed_in_layout_shows_account_email_navigation_and_a_sign_out_post()
    {
        SignIn("owner@acme.test", "Acme Inc");
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>page</p>"))));

        Assert.Equal("Acme Inc", cut.Find("[data-testid=account-name]").TextContent.Trim());
        Assert.Equal("owner@acme.test", cut.Find("[data-testid=user-email]").TextContent.Trim());
        var form = cut.Find("[data-testid=sign-out-form]");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.NotNull(cut.Find("#body"));

        var links = cut.FindAll("nav a, .mud-nav-link").Select(a => a.GetAttribute("href")).Where(h => h is not null).ToList();
        Assert.Contains("/", links);
        foreach (var item in NavigationItems.Settings) Assert.Contains(item.Href, links);

        // The API reference is outside the Blazor router: a full page load to /docs.
        var reference = Assert.Single(cut.FindAll("a.mud-nav-link"), a => a.GetAttribute("href") == "/docs");
        Assert.Contains("API reference", reference.TextContent);
    }

    [Fact]
    public void Signed_out_layout_shows_no_app_bar_or_navigation()
    {
        SignedOut();
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>sign in</p>"))));
        Assert.Empty(cut.FindAll("[data-testid=sign-out]"));
        Assert.Empty(cut.FindAll(".mud-nav-link"));
        Assert.NotNull(cut.Find("#body"));
    }

    [Fact]
    public void Every_navigation_item_points_at_a_routable_page()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>())
            .Select(r => r.Template).ToHashSet();
        foreach (var item in NavigationItems.Settings)
            Assert.Contains(item.Href, routes);
    }
}
