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

    /// <summary>How long a ceremony's challenge is kept on the server, and the timeout the authenticator is given: a
    /// ceremony not completed within it is refused.</summary>
    [Range(30, 1800)] public int CeremonyTimeoutSeconds { get; set; } = 300;

    public TimeSpan CeremonyTimeout => TimeSpan.FromSeconds(CeremonyTimeoutSeconds);

    /// <summary>The largest body a passkey endpoint reads (an assertion is a few hundred bytes).</summary>
    [Range(1024, 1048576)] public int MaxBodyBytes { get; set; } = 16384;

    /// <summary>The WebAuthn relying party id (a registrable domain, never an IP address). Unset: the host of
    /// <c>Portal:PublicUrl</c> when that is a name, else the host each request came in on.</summary>
    public string? ServerDomain { get; set; }

    /// <summary>Origins besides <c>Portal:PublicUrl</c>'s whose WebAuthn responses are accepted, e.g.
    /// <c>https://portal.example.com:8443</c>. No other origin is (the request's own is not: docs/passkeys.md).</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
