namespace Boltly.Features.Members;

/// <summary>A pending invitation as listed: never its token.</summary>
public sealed record InvitationView(Guid Id, string Email, string Role, Guid InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public static InvitationView From(Invitation i) => new(i.Id, i.Email, i.Role, i.InvitedByUserId, i.CreatedAt, i.ExpiresAt);
}
