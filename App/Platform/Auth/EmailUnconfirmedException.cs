using Boltly.Platform.Errors;

namespace Boltly.Platform.Auth;

/// <summary>A change that needs a confirmed email address, asked by a user whose address is not confirmed
/// (<see cref="ConfirmedEmail"/>): 403 EMAIL_UNCONFIRMED.</summary>
public sealed class EmailUnconfirmedException() : Exception(ErrorCodes.EmailUnconfirmedMessage);
