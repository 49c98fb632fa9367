namespace Boltly.Features.Sessions;

/// <summary>A dashboard cookie or an app's <c>/v1/auth/login</c> token family.</summary>
public enum SessionKind
{
    Browser,
    App,
}
