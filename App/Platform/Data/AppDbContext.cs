using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Platform.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    // The tenant table is the platform's own; every feature's tables are extension properties in its folder
    // (ApiKeysTables, InboxTables…), and the model sees them through their configurations.
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The account that every <see cref="IAccountOwned"/> query and write of this context is confined to.
    /// Unset, the query filter matches no rows and writes throw: isolation fails closed.
    /// </summary>
    public Guid? AccountScope { get; private set; }

    /// <summary>Confines this context to one account; once set it cannot change.</summary>
    public AppDbContext ForAccount(Guid accountId)
    {
        if (AccountScope is { } current && current != accountId)
            throw new AccountScopeException("This context is already confined to another account.");
        AccountScope = accountId;
        return this;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Trigram indexes for the contact search.
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        var apply = typeof(AppDbContext).GetMethod(nameof(ApplyAccountFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(IAccountOwned).IsAssignableFrom(t)).ToList())
            apply.MakeGenericMethod(type).Invoke(this, [builder]);
    }

    // The filter reads AccountScope from the context instance at query time; null matches nothing.
    private void ApplyAccountFilter<T>(ModelBuilder builder) where T : class, IAccountOwned =>
        builder.Entity<T>().HasQueryFilter(e => AccountScope != null && e.AccountId == AccountScope);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAccountScope();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAccountScope();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // New rows take the scope's account; changing or deleting another account's row is refused.
    private void GuardAccountScope()
    {
        foreach (var entry in ChangeTracker.Entries<IAccountOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (AccountScope is not { } account)
                throw new AccountScopeException($"{entry.Entity.GetType().Name} written without an account scope.");
            if (entry.State == EntityState.Added && entry.Entity.AccountId == Guid.Empty) entry.Entity.AccountId = account;
            if (entry.Entity.AccountId != account)
                throw new AccountScopeException($"{entry.Entity.GetType().Name} of another account written under this account's scope.");
        }
    }
}
