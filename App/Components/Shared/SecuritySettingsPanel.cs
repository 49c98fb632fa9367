namespace Boltly.Components.Shared;

/// <summary>A card a feature adds to Settings → Security (rendered by type, in <see cref="Order"/>), so the page
/// hosts each sign-in method's panel without depending on it.</summary>
/// <param name="ComponentType">A component statically rendered like the page, whose only parameter is an
/// <c>OnChanged</c> <c>EventCallback</c> (<see cref="ChangedParameter"/>) it invokes after a change, so the page shows
/// the security events the change recorded.</param>
public sealed record SecuritySettingsPanel(Type ComponentType, int Order)
{
    /// <summary>The name of the parameter the page passes.</summary>
    public const string ChangedParameter = "OnChanged";
}
