namespace Boltly.Platform.Accounts;

/// <summary>The roles a member holds in their account (docs/members.md), stored in <c>AspNetUsers.role</c>.</summary>
public static class MemberRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Developer = "developer";
    public const string Viewer = "viewer";

    /// <summary>Strongest first: the order the Members page lists and offers them.</summary>
    public static readonly IReadOnlyList<string> All = [Owner, Admin, Developer, Viewer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
