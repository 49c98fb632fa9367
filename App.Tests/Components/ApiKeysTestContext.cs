using System.Text.RegularExpressions;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ApiKeysPage = Boltly.Features.ApiKeys.Pages.ApiKeys;

namespace Boltly.Tests.Components;

/// <summary>
/// Settings → API Keys rendered by bunit against the real <see cref="ApiKeyService"/> on the test database
/// (a fresh account per test): the 5-key rule and the validation messages are the domain's own.
/// </summary>
public abstract class ApiKeysTestContext(SharedPortal portal) : DashboardTestContext
{
    private AsyncServiceScope? _hostScope;

    protected SharedPortal Portal { get; } = portal;

    /// <summary>The signed-in owner of the test's fresh account, as the domain sees them.</summary>
    protected Caller Owner { get; private set; } = null!;

    /// <summary>The owner, with their password.</summary>
    protected TestUser User { get; private set; } = null!;

    /// <summary>The owner's dashboard session, just signed in: its re-authentication window is open.</summary>
    protected Guid SessionId { get; private set; }

    protected ApiKeyService Service => Services.GetRequiredService<ApiKeyService>();

    /// <summary>A fresh account, signed in; the page gets the host's real ApiKeyService (same database, same rules).</summary>
    /// <remarks>With <paramref name="database"/>, the page's ApiKeyService opens its contexts there instead.</remarks>
    protected async Task ArrangeAsync(SwitchableDbContexts? database = null)
    {
        var user = await TestUser.CreateAsync(Portal.Host);
        User = user;
        _hostScope = Portal.Host.Services.CreateAsyncScope();
        Services.AddFallbackServiceProvider(_hostScope.Value.ServiceProvider);
        if (database is not null)
            Services.AddSingleton(ActivatorUtilities.CreateInstance<ApiKeyService>(_hostScope.Value.ServiceProvider, database));
        UseReauthenticationPrompt(_hostScope.Value.ServiceProvider);
        SessionId = await Portal.Host.Services.GetRequiredService<SessionService>().StartAsync(
            new NewSession(user.UserId, user.AccountId, user.Email, SessionKind.Browser, ClientInfo.Unknown));
        Owner = new Caller(user.AccountId, user.UserId, CredentialKind.Cookie, new HashSet<string>(), null) { SessionId = SessionId };
        SignIn(user.Email, userId: user.UserId, accountId: user.AccountId, sessionId: SessionId); // builds the services: register before it
    }

    /// <summary>The domain's words for an expiry in the past.</summary>
    protected string ExpiryError() =>
        Service.Check(new NewApiKey("x", [ScopeCatalog.ContactsRead], DateTimeOffset.UtcNow.AddDays(-1)))["expires_at"].Single();

    protected Task<CreatedApiKey> CreateKeyAsync(string name, string[] scopes) =>
        Service.CreateAsync(Owner, new NewApiKey(name, scopes, null), ClientInfo.Unknown);

    protected static void OpenCreateDialog(IRenderedComponent<ApiKeysPage> cut, IRenderedComponent<MudBlazor.MudDialogProvider> providers)
    {
        // Not awaited: the handler awaits the dialog's result.
        cut.WaitForElement("[data-testid=create-key]:not([disabled])").Click();
        providers.WaitForElement("[data-testid=create-key-form]");
    }

    protected static void ClickScope(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string scope)
    {
        var input = providers.Find($"input[data-testid='scope-{scope}']");
        input.Change(!IsChecked(input));
    }

    protected static void ToggleGroup(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string group) =>
        providers.Find($"input[data-testid=scope-group-{group}]").Change(true);

    protected static string GroupToggleMarkup(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string group) =>
        providers.Find($"input[data-testid=scope-group-{group}]").ParentElement!.ClassName!;

    protected static void ChooseExpiry(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string id) =>
        providers.Find($"input[data-testid=expiry-{id}]").Click();

    protected static List<string?> Chosen(IRenderedComponent<MudBlazor.MudDialogProvider> providers) =>
        providers.FindAll("input[data-scope]").Where(IsChecked).Select(e => e.GetAttribute("data-scope")).ToList();

    /// <summary>MudCheckBox shows its state as a class on the input's wrapper.</summary>
    protected static bool IsChecked(AngleSharp.Dom.IElement input) => input.ParentElement!.ClassList.Contains("mud-checkbox-true");

    /// <summary>Every string a component holds in its fields (its own and its base classes', parameters included).</summary>
    protected static List<string> StringState(object component)
    {
        var values = new List<string>();
        for (var type = component.GetType(); type is not null; type = type.BaseType)
            foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public
                         | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
                if (field.FieldType == typeof(string) && field.GetValue(component) is string value) values.Add(value);
        return values;
    }

    protected static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_hostScope is { } scope) await scope.DisposeAsync();
    }
}
