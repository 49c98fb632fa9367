namespace Boltly.Platform.Errors;

/// <summary>The session's re-authentication window is closed: 403 REAUTHENTICATION_REQUIRED (docs/sessions.md).
/// Thrown by services whose callers are not behind <c>[RequiresReauthentication]</c> (dashboard form posts).</summary>
public sealed class ReauthenticationRequiredException() : Exception(ErrorCodes.ReauthenticationRequiredMessage);
