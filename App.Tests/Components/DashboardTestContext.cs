using System.Security.Claims;
using Boltly.Platform.Auth;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Boltly.Tests.Components;

/// <summary>bunit base: MudBlazor services, loose JS interop, no snackbar transitions, a signed-in user.</summary>
public abstract class DashboardTestContext : BunitContext
{
    // How long WaitFor* waits when a test names no timeout (bunit's setting is static, for the whole run).
    // bunit's 1 s is too short here: these tests render against real PostgreSQL and Redis, four at a time,
    // on a 2-core CI machine. A passing wait returns as soon as its condition holds, so only failures wait longer.
    static DashboardTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Signs a user into the test's authentication state, with the claims the dashboard reads.</summary>
    /// <param name="sessionId">The session the principal belongs to (its <c>sid</c>), for pages that ask the sudo window.</param>
    protected BunitAuthorizationContext SignIn(string email = "owner@test.boltly.local", string accountName = "Acme", Guid? userId = null, Guid? accountId = null,
        Guid? sessionId = null)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, (userId ?? Guid.NewGuid()).ToString()),
            new Claim(BoltlyClaims.AccountId, (accountId ?? Guid.NewGuid()).ToString()),
            new Claim(BoltlyClaims.AccountName, accountName),
            new Claim(ClaimTypes.Email, email),
        ];
        if (sessionId is not null) claims.Add(new Claim(BoltlyClaims.SessionId, sessionId.Value.ToString()));
        auth.SetClaims([.. claims]);
        UseInteractiveRenderer();
        return auth;
    }

    /// <summary>No one signed in.</summary>
    protected BunitAuthorizationContext SignedOut()
    {
        var auth = AddAuthorization();
        UseInteractiveRenderer();
        return auth;
    }

    /// <summary>Components render as in a live circuit. Call after registering services (it starts the renderer).</summary>
    protected void UseInteractiveRenderer() =>
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    /// <summary>Renders the MudBlazor providers: dialogs and popovers render inside them, not the component.</summary>
    /// <summary>The sudo prompt of the host (its window, its users), showing its dialog through this context's dialog
    /// service, with the dialog's other ways to confirm as the host registers them (an enumerable never falls back).
    /// Register before the services are built (before <see cref="SignIn"/>).</summary>
    protected void UseReauthenticationPrompt(IServiceProvider host)
    {
        Services.AddScoped(sp => new ReauthenticationPrompt(host.GetRequiredService<ReauthenticationWindow>(),
            sp.GetRequiredService<IDialogService>(), host.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Boltly.Platform.Accounts.AppUser>>()));
        foreach (var option in host.GetServices<Boltly.Components.Shared.ReauthenticationOption>()) Services.AddSingleton(option);
    }

    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }
}
