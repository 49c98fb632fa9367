namespace Boltly.Features.Members;

public sealed record ChangeRoleRequest(string? Role);

public sealed record InviteRequest(string? Email, string? Role);

/// <summary>Accepting an invitation with a password or, instead, the passkey registered in the ceremony
/// <c>passkey-creation-options</c> began: <see cref="Credential"/> is the browser's <c>navigator.credentials.create()</c>
/// result as JSON text. Exactly one of the two.</summary>
public sealed record AcceptInvitationRequest(string? Token, string? Password, string? Credential);

/// <summary>The invitation whose acceptance with a passkey begins: its link's token.</summary>
public sealed record InvitationPasskeyOptionsRequest(string? Token);

/// <summary>The answer to an accepted invitation: the new member, who signs in next.</summary>
public sealed record AcceptedInvitationResponse(Guid Id, string Email, string Role, string AccountName);
