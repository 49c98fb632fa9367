using Boltly.Platform.Data;

namespace Boltly.Features.Templates;

/// <summary>
/// A feature that uses templates and so may refuse a template's deletion (Broadcasts: a broadcast sends one).
/// Templates asks every registered use before it deletes; the features above it implement this, so Templates knows
/// none of them.
/// </summary>
public interface ITemplateUse
{
    /// <summary>Why the template cannot be deleted, in the caller's words; null when this feature does not use it.
    /// Runs in the deletion's context, which is filtered to the caller's account.</summary>
    Task<string?> RefusalAsync(AppDbContext db, Guid templateId, CancellationToken ct);
}
