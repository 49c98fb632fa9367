using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Passkeys;

/// <summary>Passkey rules and the relying party (docs/passkeys.md, ADR 0015).</summary>
public sealed class PasskeyOptions
{
    public const string Section = "Passkeys";

    /// <summary>The most passkeys one user may register.</summary>
    [Range(1, 100)] public int MaxPerUser { get; set; } = 10;

    /// <summary>The longest passkey name, in UTF-16 code units.</summary>
    [Range(1, 200)] public int NameMaxLength { get; set; } = 64;

    /// <summary>The WebAuthn relying party id (a registrable domain, never an IP address). Unset: the host of
    /// <c>Portal:PublicUrl</c> when that is a name, else the host each request came in on.</summary>
    public string? ServerDomain { get; set; }

    /// <summary>Origins besides <c>Portal:PublicUrl</c> (and the request's own) whose WebAuthn responses are accepted,
    /// e.g. <c>https://portal.example.com:8443</c>.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
