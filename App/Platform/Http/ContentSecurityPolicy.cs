using System.Security.Cryptography;

namespace Boltly.Platform.Http;

/// <summary>
/// The Content-Security-Policy of the dashboard's pages and of the API reference (docs/security-http.md).
/// Scripts only from the portal itself, plus the one inline script Blazor renders (the import map), by a
/// per-request nonce, and the few inline event handlers of statically rendered pages by hash; no framing. <c>style-src 'unsafe-inline'</c> stays: MudBlazor sets inline styles on
/// its components (and Blazor's reconnect dialog injects a style element), and a style cannot run code.
/// </summary>
public static class ContentSecurityPolicy
{
    private const string NonceItem = "Boltly.CspNonce";

    private const string Common = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>This request's nonce for an inline script (the import map), made on first use.</summary>
    public static string Nonce(this HttpContext context)
    {
        if (context.Items[NonceItem] is string nonce) return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        return nonce;
    }

    /// <summary>A dashboard page: scripts from the portal, the one nonce'd inline script, and the inline
    /// event handlers features declared, by hash.</summary>
    public static string ForPage(string nonce, IReadOnlyList<string> eventHandlers) => eventHandlers.Count == 0
        ? $"{Common}; script-src 'self' 'nonce-{nonce}'"
        : $"{Common}; script-src 'self' 'nonce-{nonce}' 'unsafe-hashes' {string.Join(' ', eventHandlers.Select(Hash))}";

    /// <summary>The API reference page (Scalar): its scripts from the portal and its inline start-up
    /// script by hash, computed from the page as served (nothing of the request is echoed into it);
    /// Scalar runs workers from blob: URLs.</summary>
    public static string ForApiReference(IEnumerable<string> inlineScripts) =>
        $"{Common}; script-src 'self' {string.Join(' ', inlineScripts.Select(Hash))}; worker-src 'self' blob:";

    private static string Hash(string script) =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)))}'";
}
