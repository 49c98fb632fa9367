namespace Boltly.Features.Members;

public sealed record ChangeRoleRequest(string? Role);

public sealed record InviteRequest(string? Email, string? Role);

public sealed record AcceptInvitationRequest(string? Token, string? Password);

/// <summary>The answer to an accepted invitation: the new member, who signs in next.</summary>
public sealed record AcceptedInvitationResponse(Guid Id, string Email, string Role, string AccountName);
