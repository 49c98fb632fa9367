using Boltly.Platform.Errors;

namespace Boltly.Platform.Auth;

/// <summary>A cookie or access-token caller whose session is no longer live (signed out, revoked, expired, idle): the
/// operation is refused as unauthenticated (401 UNAUTHORIZED), whichever way it came in (docs/sessions.md).</summary>
public sealed class SessionEndedException() : Exception(ErrorCodes.AuthenticationRequiredMessage);
