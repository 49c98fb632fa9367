namespace Boltly.Components.Shared;

/// <summary>The static re-authentication form: the proof, and the action it was asked for (with that action's
/// one-time code, never a password), so the page can carry on with it.</summary>
public sealed class ReauthenticationInput
{
    public string? Password { get; set; }
    public string? Code { get; set; }
    public string? PendingAction { get; set; }
    public string? PendingCode { get; set; }
}
