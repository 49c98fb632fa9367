using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Sessions;

/// <summary>Sudo mode lives in the domain services, not only on the controllers' attribute (docs/sessions.md): a
/// dashboard page that forgot its dialog cannot create or revoke a key, add or delete a webhook, or change 2FA, with a session
/// whose sign-in is older than the window; a session caller without a session id is refused too; an API key is not
/// a session, its scopes alone decide.</summary>
public sealed class SudoInServicesTests(TwoFactorPortal portal) : IClassFixture<TwoFactorPortal>
{
    private static readonly TimeSpan PastTheWindow = TimeSpan.FromMinutes(11);

    [Fact]
    public async Task A_session_past_its_window_can_neither_create_nor_revoke_keys_nor_add_or_delete_webhooks_and_nothing_changes()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var caller = await user.SignedInCallerAsync(portal.Host);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var webhooks = scope.ServiceProvider.GetRequiredService<WebhookService>();
        var key = await keys.CreateAsync(caller, new NewApiKey("Before", [ScopeCatalog.ContactsRead], null), ClientInfo.Unknown);
        var hook = await webhooks.CreateAsync(caller, "https://hooks.example.com/sudo", null);

        portal.Host.Clock.Advance(PastTheWindow);

        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() =>
            keys.CreateAsync(caller, new NewApiKey("After", [ScopeCatalog.ContactsRead], null), ClientInfo.Unknown));
        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => keys.RevokeAsync(caller, key.Key.Id, ClientInfo.Unknown));
        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => webhooks.CreateAsync(caller, "https://hooks.example.com/after", null));
        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => webhooks.DeleteAsync(caller, hook.Subscription.Id));

        var fresh = await user.SignedInCallerAsync(portal.Host);
        var listed = await keys.ListAsync(fresh, new Boltly.Platform.Pagination.PageRequest(10, null));
        var only = Assert.Single(listed.Data);
        Assert.Equal(ApiKeyStatus.Active, ApiKeyStatus.Of(only, portal.Host.Clock.GetUtcNow()));
        Assert.Single((await webhooks.ListAsync(fresh, new Boltly.Platform.Pagination.PageRequest(10, null))).Data);
        // A fresh sign-in is inside its window: the same actions go through.
        Assert.True(await keys.RevokeAsync(fresh, key.Key.Id, ClientInfo.Unknown));
        Assert.True(await webhooks.DeleteAsync(fresh, hook.Subscription.Id));
    }

    [Fact]
    public async Task A_session_past_its_window_cannot_set_up_or_turn_off_two_factor_authentication()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        await portal.EnableTwoFactorAsync(portal.Host.CreateHttpClient(), user);
        var caller = await user.SignedInCallerAsync(portal.Host);
        portal.Host.Clock.Advance(PastTheWindow);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorService>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Boltly.Platform.Accounts.AppUser>>();
        var appUser = (await users.FindByIdAsync(user.UserId.ToString()))!;

        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() =>
            twoFactor.DisableAsync(caller, appUser, user.Password, null, ClientInfo.Unknown));
        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() =>
            twoFactor.ResetRecoveryCodesAsync(caller, appUser, "123456", ClientInfo.Unknown));
        Assert.True((await users.FindByIdAsync(user.UserId.ToString()))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task A_session_caller_without_a_session_id_is_refused()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var noSession = new Caller(user.AccountId, user.UserId, CredentialKind.Cookie, new HashSet<string>(), null);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(noSession, new NewApiKey("No session", [ScopeCatalog.ContactsRead], null), ClientInfo.Unknown));
    }

    [Fact]
    public async Task An_api_key_is_not_a_session_its_scope_alone_decides()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var key = new Caller(user.AccountId, null, CredentialKind.ApiKey, new HashSet<string> { ScopeCatalog.TokensCreate }, Guid.NewGuid());
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var webhooks = scope.ServiceProvider.GetRequiredService<WebhookService>();
        var created = await webhooks.CreateAsync(key, "https://hooks.example.com/by-key", null);
        Assert.True(await webhooks.DeleteAsync(key, created.Subscription.Id));
    }
}
