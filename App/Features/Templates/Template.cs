using Boltly.Platform.Data;
namespace Boltly.Features.Templates;

/// <summary>A message template: a body with numbered placeholders <c>{{1}}</c>, <c>{{2}}</c>…; unique by name and language in an account.</summary>
public sealed class Template : IAccountOwned
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid AccountId { get; set; }
    public required string Name { get; init; }
    public required string Language { get; init; }
    public required string Category { get; init; }
    public required string Body { get; init; }
    public int PlaceholderCount { get; init; }
    public string Status { get; set; } = TemplateStatus.Draft;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; set; }
}
