namespace Boltly.Components.Shared;

/// <summary>Another way to confirm it's you that a feature adds to the re-authentication dialog (rendered by type, in
/// <see cref="Order"/>), so the dialog offers it without depending on that feature (docs/sessions.md).</summary>
/// <param name="ComponentType">An interactive component with an <c>OnReauthenticated</c> <c>EventCallback</c> parameter,
/// which it invokes once the server has opened the session's re-authentication window; it renders nothing when the
/// person cannot use it.</param>
public sealed record ReauthenticationOption(Type ComponentType, int Order)
{
    /// <summary>The name of the parameter the dialog passes.</summary>
    public const string CallbackParameter = "OnReauthenticated";
}
