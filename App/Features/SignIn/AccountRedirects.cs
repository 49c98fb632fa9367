namespace Boltly.Features.SignIn;

/// <summary>Return URLs after sign-in are local paths only: an open redirect would let a phishing
/// link borrow our sign-in page.</summary>
public static class AccountRedirects
{
    public static string SafeLocal(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl)) return "/";
        if (!returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal))
            return "/";
        if (returnUrl.StartsWith("/account/log", StringComparison.OrdinalIgnoreCase)) return "/";
        return Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) ? returnUrl : "/";
    }
}
