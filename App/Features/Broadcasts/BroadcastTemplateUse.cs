using Boltly.Features.Templates;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Broadcasts;

/// <summary>A template that a broadcast uses is not deleted (the foreign key restricts it too; this gives the reason first).</summary>
public sealed class BroadcastTemplateUse : ITemplateUse
{
    public async Task<string?> RefusalAsync(AppDbContext db, Guid templateId, CancellationToken ct) =>
        await db.Broadcasts.AnyAsync(b => b.TemplateId == templateId, ct)
            ? "A broadcast uses this template, so it cannot be deleted."
            : null;
}
