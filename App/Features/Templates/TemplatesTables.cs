using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Templates;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class TemplatesTables
{
    extension(AppDbContext db)
    {
        public DbSet<Template> Templates => db.Set<Template>();
    }
}
