namespace Boltly.Components.Shared;

/// <summary>A way to confirm it's you that a feature adds to statically rendered pages (rendered by type, in
/// <see cref="Order"/>), so a page offers it without depending on that feature (docs/sessions.md). The static
/// counterpart of <see cref="ReauthenticationOption"/>.</summary>
/// <param name="ComponentType">A statically rendered component without parameters: it opens the session's
/// re-authentication window itself (wwwroot's script does the ceremony) and then loads the page again, which finds the
/// window open; it renders nothing when the person cannot use it.</param>
public sealed record StaticReauthenticationOption(Type ComponentType, int Order);
