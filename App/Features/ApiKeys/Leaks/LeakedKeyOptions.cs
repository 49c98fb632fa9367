using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.ApiKeys.Leaks;

/// <summary>Leaked-key reports (docs/api-keys.md#leaked-keys).</summary>
public sealed class LeakedKeyOptions
{
    public const string Section = "ApiKeys:Leaks";

    /// <summary>GitHub's secret-scanning public keys, PEM, by their identifier (the <c>GITHUB-PUBLIC-KEY-IDENTIFIER</c> header).
    /// Copied from GitHub's key list by the operator; the portal never fetches it. Empty: the partner endpoint refuses all.</summary>
    public Dictionary<string, string> GitHubPublicKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The largest partner report body read, in bytes; a larger one is 413 before any work.</summary>
    [Range(1024, 1_048_576)] public int MaxPartnerBodyBytes { get; set; } = 65_536;

    /// <summary>The most tokens one partner report may carry.</summary>
    [Range(1, 10_000)] public int MaxTokensPerReport { get; set; } = 1000;
}
