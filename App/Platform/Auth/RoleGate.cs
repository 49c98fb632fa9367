using Boltly.Platform.Accounts;

namespace Boltly.Platform.Auth;

/// <summary>
/// The permission table (<see cref="RolePermissions"/>) asked with the caller's current role: services call
/// <c>Require…</c> (the dashboard and the API go through them), pages ask <see cref="AllowsAsync"/> to show only the
/// controls the person may use. An API key holds no role and passes: its scopes decided before.
/// </summary>
public sealed class RoleGate(MemberRoleCache roles)
{
    /// <summary>The caller's current role; null for an API key, an empty string for a removed member.</summary>
    public async ValueTask<string?> RoleOfAsync(Caller caller, CancellationToken ct = default) =>
        caller is { Kind: not CredentialKind.ApiKey, UserId: { } userId } ? await roles.GetAsync(userId, ct) : null;

    public async ValueTask<bool> AllowsAsync(Caller caller, Permission permission, CancellationToken ct = default) =>
        caller.Kind == CredentialKind.ApiKey || RolePermissions.Allows(await RoleOfAsync(caller, ct), permission);

    public async ValueTask RequireAsync(Caller caller, Permission permission, CancellationToken ct = default)
    {
        if (!await AllowsAsync(caller, permission, ct)) throw new InsufficientRoleException(RolePermissions.RefusalMessage(permission));
    }

    /// <summary>Whether the caller may roll, revoke or edit a key that <paramref name="creatorUserId"/> created.</summary>
    public async ValueTask<bool> MayManageKeyAsync(Caller caller, Guid creatorUserId, CancellationToken ct = default) =>
        caller.Kind == CredentialKind.ApiKey
        || (caller.UserId is { } me && RolePermissions.MayManageKey(await RoleOfAsync(caller, ct), me, creatorUserId));

    public async ValueTask RequireKeyManagementAsync(Caller caller, Guid creatorUserId, CancellationToken ct = default)
    {
        if (!await MayManageKeyAsync(caller, creatorUserId, ct))
            throw new InsufficientRoleException("Your role in this account lets you manage only the keys you created. " +
                "Other keys need the role owner or admin.");
    }
}
