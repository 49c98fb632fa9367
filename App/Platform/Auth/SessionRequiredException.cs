using Boltly.Platform.Errors;

namespace Boltly.Platform.Auth;

/// <summary>A session-only operation reached without a session (<see cref="SessionOnly"/>): 403 SESSION_REQUIRED.</summary>
public sealed class SessionRequiredException() : Exception(ErrorCodes.SessionRequiredMessage);
