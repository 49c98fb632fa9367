using Boltly.Platform.Accounts;

namespace Boltly.Platform.Auth;

/// <summary>
/// The permission table of API.md ("Accounts, members and roles"), the one place a role's rights are written. The
/// endpoints' <see cref="RequireRoleAttribute"/>, the services' <see cref="RoleGate"/> and the dashboard's controls all
/// ask here. A key never holds a role: its scopes are all it has.
/// </summary>
public static class RolePermissions
{
    private static readonly IReadOnlyDictionary<Permission, string[]> Table = new Dictionary<Permission, string[]>
    {
        [Permission.ManageMembers] = [MemberRoles.Owner, MemberRoles.Admin],
        [Permission.ManageKeyPolicy] = [MemberRoles.Owner, MemberRoles.Admin],
        [Permission.ManageKeys] = [MemberRoles.Owner, MemberRoles.Admin, MemberRoles.Developer],
        [Permission.ManageWebhooks] = [MemberRoles.Owner, MemberRoles.Admin],
    };

    /// <summary>The scope suffix a viewer's session may use on the public API.</summary>
    public const string ReadScopeSuffix = ":read";

    public static bool Allows(string? role, Permission permission) =>
        role is not null && Table[permission].Contains(role, StringComparer.Ordinal);

    /// <summary>A session acts with every scope of its user's role: every scope, but only <c>*:read</c> for a viewer.</summary>
    public static bool AllowsScope(string? role, string scope) =>
        role is MemberRoles.Owner or MemberRoles.Admin or MemberRoles.Developer
        || (role == MemberRoles.Viewer && scope.EndsWith(ReadScopeSuffix, StringComparison.Ordinal));

    /// <summary>The scopes a session of <paramref name="role"/> acts with, in the catalog's order (<see cref="AllowsScope"/>
    /// over <see cref="ScopeCatalog"/>): what whoami reports. None for no role (a removed member).</summary>
    public static IReadOnlyList<string> ScopesOf(string? role) =>
        role is not null && ScopesByRole.TryGetValue(role, out var scopes) ? scopes : [];

    // Built once: the same list answers every request of that role.
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ScopesByRole = MemberRoles.All.ToDictionary(
        role => role, IReadOnlyList<string> (role) => [.. ScopeCatalog.All.Select(s => s.Name).Where(s => AllowsScope(role, s))],
        StringComparer.Ordinal);

    /// <summary>Owners and admins manage every key of the account; a developer only the keys they created.</summary>
    public static bool MayManageKey(string? role, Guid actorUserId, Guid creatorUserId) =>
        role is MemberRoles.Owner or MemberRoles.Admin || (role == MemberRoles.Developer && actorUserId == creatorUserId);

    /// <summary>Who may change or remove a member holding <paramref name="targetRole"/>, or give that role: an admin acts
    /// on anyone but owners and never makes an owner; an owner on anyone.</summary>
    public static bool MayActOnMemberRole(string? actorRole, string targetRole) =>
        actorRole == MemberRoles.Owner || (actorRole == MemberRoles.Admin && targetRole != MemberRoles.Owner);

    /// <summary>The roles that have <paramref name="permission"/>, for the refusal's message.</summary>
    public static IReadOnlyList<string> RolesWith(Permission permission) => Table[permission];

    /// <summary>The message of 403 INSUFFICIENT_ROLE: names the role needed.</summary>
    public static string RefusalMessage(Permission permission) =>
        $"Your role in this account does not allow this. It needs the role {Either(RolesWith(permission))}.";

    /// <summary>"owner", "owner or admin", "owner, admin or developer".</summary>
    private static string Either(IReadOnlyList<string> roles) =>
        roles.Count <= 1 ? string.Join("", roles) : $"{string.Join(", ", roles.Take(roles.Count - 1))} or {roles[^1]}";

    public static string ScopeRefusalMessage(string scope) =>
        $"Your role in this account does not allow the scope \"{scope}\". It needs the role owner, admin or developer.";
}
