namespace Boltly.Features.ApiKeys.Leaks;

/// <summary>One token of GitHub's secret-scanning partner report.</summary>
public sealed record GitHubTokenReport(string? Token, string? Type, string? Url, string? Source);

/// <summary>The partner answer for one token: <c>token_hash</c> is the SHA-256 hex of the token, as GitHub expects.</summary>
public sealed record GitHubTokenLabel(string TokenHash, string TokenType, string Label)
{
    public const string TruePositive = "true_positive";
    public const string FalsePositive = "false_positive";
}

/// <summary>The open report: a key someone found, and where.</summary>
public sealed record LeakReportRequest(string? Key, string? Url);
