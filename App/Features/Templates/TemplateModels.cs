using System.ComponentModel.DataAnnotations;
namespace Boltly.Features.Templates;

public sealed record TemplateResponse(Guid Id, string Name, string Language, string Category, string Body, int PlaceholderCount,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt)
{
    public static TemplateResponse From(Template t) =>
        new(t.Id, t.Name, t.Language, t.Category, t.Body, t.PlaceholderCount, t.Status, t.CreatedAt, t.SubmittedAt);
}

/// <param name="Name">Lowercase letters, digits and underscores; unique per language in the account.</param>
/// <param name="Language">A code like en, en_US or pt-BR.</param>
/// <param name="Category">marketing, utility or authentication.</param>
/// <param name="Body">Up to 1024 characters; placeholders {{1}}, {{2}}… numbered from 1 without gaps.</param>
public sealed record CreateTemplateRequest([Required] string? Name, [Required] string? Language, [Required] string? Category, [Required] string? Body);
