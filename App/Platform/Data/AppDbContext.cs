using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Linq.Expressions;
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

    /// <summary>True in a context of background work that writes rows of many accounts (<see cref="ForEveryAccount"/>).</summary>
    public bool ServesEveryAccount { get; private set; }

    /// <summary>Confines this context to one account; once set it cannot change.</summary>
    public AppDbContext ForAccount(Guid accountId)
    {
        if (ServesEveryAccount)
            throw new AccountScopeException("This context serves every account; it cannot be confined to one.");
        if (AccountScope is { } current && current != accountId)
            throw new AccountScopeException("This context is already confined to another account.");
        AccountScope = accountId;
        return this;
    }

    /// <summary>
    /// Lets background work (a worker fanning events out to every account's subscriptions) write
    /// <see cref="IAccountOwned"/> rows of any account, each carrying its account explicitly. Reads stay filtered: the
    /// worker's reads that cross accounts say so with <c>IgnoreQueryFilters()</c>.
    /// </summary>
    public AppDbContext ForEveryAccount()
    {
        if (AccountScope is not null)
            throw new AccountScopeException("This context is confined to one account; it cannot serve every account.");
        ServesEveryAccount = true;
        return this;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Trigram indexes for the contact search.
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IAccountScoped).IsAssignableFrom(t.ClrType)).ToList())
            builder.Entity(type.ClrType).HasQueryFilter(AccountFilter(type.ClrType, matchAllWhenUnscoped: false));
        // Identity's stores find users across accounts (sign-in knows only an email), so users are confined only in a
        // context confined to an account: there, a member list or a key's creator can never name another account's user.
        builder.Entity<AppUser>().HasQueryFilter(AccountFilter(typeof(AppUser), matchAllWhenUnscoped: true));
    }

    // e => AccountScope != null && e.AccountId == AccountScope (or AccountScope == null || …), built per type because the
    // column is a Guid on most rows and a nullable Guid on some. The filter reads AccountScope from the context instance
    // at query time: EF swaps the model's context for the one running the query.
    private LambdaExpression AccountFilter(Type rowType, bool matchAllWhenUnscoped)
    {
        var row = Expression.Parameter(rowType, "e");
        var column = Expression.Property(row, nameof(IAccountOwned.AccountId));
        if (column.Type != typeof(Guid) && column.Type != typeof(Guid?))
            throw new InvalidOperationException($"{rowType.Name} is account-scoped but its AccountId is a {column.Type.Name}, not a Guid.");
        var scope = Expression.Property(Expression.Constant(this), nameof(AccountScope));
        var unset = Expression.Constant(null, typeof(Guid?));
        var sameAccount = Expression.Equal(
            Expression.Convert(column, typeof(Guid?)), scope);
        var body = matchAllWhenUnscoped
            ? Expression.OrElse(Expression.Equal(scope, unset), sameAccount)
            : Expression.AndAlso(Expression.NotEqual(scope, unset), sameAccount);
        return Expression.Lambda(body, row);
    }

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
            if (ServesEveryAccount)
            {
                if (entry.Entity.AccountId == Guid.Empty)
                    throw new AccountScopeException($"{entry.Entity.GetType().Name} written for every account without its own account.");
                continue;
            }
            if (AccountScope is not { } account)
                throw new AccountScopeException($"{entry.Entity.GetType().Name} written without an account scope.");
            if (entry.State == EntityState.Added && entry.Entity.AccountId == Guid.Empty) entry.Entity.AccountId = account;
            if (entry.Entity.AccountId != account)
                throw new AccountScopeException($"{entry.Entity.GetType().Name} of another account written under this account's scope.");
        }
    }
}
