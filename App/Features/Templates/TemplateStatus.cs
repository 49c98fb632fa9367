namespace Boltly.Features.Templates;

/// <summary>draft → pending on submit; approval (approved, rejected) happens outside the product.</summary>
public static class TemplateStatus
{
    public const string Draft = "draft";
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public static readonly IReadOnlyList<string> All = [Draft, Pending, Approved, Rejected];
}
