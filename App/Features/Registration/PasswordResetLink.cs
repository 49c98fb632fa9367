namespace Boltly.Features.Registration;

/// <summary>What the reset page needs to know about a link before the form is sent: whether it still works, and
/// whether its user must also give a two-factor code.</summary>
public sealed record PasswordResetLink(bool Valid, bool NeedsCode);
