namespace Boltly.Platform.Auth;

/// <summary>The caller's role does not allow the action: 403 INSUFFICIENT_ROLE with this message.</summary>
public sealed class InsufficientRoleException(string message) : Exception(message);
