using Boltly.Platform.Auth;

namespace Boltly.Features.SecurityEvents;

/// <summary>Who did what an audit entry records (API.md "Audit log"): a member, an API key or the system.
/// <see cref="Name"/> may be left out: the recorder fills it in (the member's email, the key's prefix).</summary>
public sealed record AuditActor(string Type, Guid? Id, string? Name = null)
{
    public const string MemberType = "member";
    public const string ApiKeyType = "api_key";
    public const string SystemType = "system";

    public static readonly IReadOnlyList<string> Types = [MemberType, ApiKeyType, SystemType];

    public static readonly AuditActor System = new(SystemType, null, "Boltly");

    public static AuditActor Member(Guid userId, string? name = null) => new(MemberType, userId, name);

    /// <summary>The actor behind a request: its key, or the signed-in member.</summary>
    public static AuditActor Of(Caller caller) => caller switch
    {
        { Kind: CredentialKind.ApiKey, ApiKeyId: { } keyId } => new AuditActor(ApiKeyType, keyId),
        { UserId: { } userId } => Member(userId),
        _ => System,
    };
}
