namespace Boltly.Components.Shared;

/// <summary>A card a feature adds to Settings → Security (rendered by type, in <see cref="Order"/>), so the page
/// hosts another feature's panel without depending on it.</summary>
/// <param name="ComponentType">A component without required parameters; statically rendered like the page.</param>
public sealed record SecuritySettingsPanel(Type ComponentType, int Order);
