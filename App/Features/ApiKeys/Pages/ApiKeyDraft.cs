using Boltly.Platform.Auth;
namespace Boltly.Features.ApiKeys.Pages;

/// <summary>What the create dialog's form holds before it becomes a <see cref="NewApiKey"/>.</summary>
public sealed class ApiKeyDraft
{
    public string Name { get; set; } = "";
    public HashSet<string> Scopes { get; } = new(StringComparer.Ordinal);
    public string ExpiryId { get; set; } = ApiKeyExpiry.DefaultId;
    public DateTime? CustomDate { get; set; }
    /// <summary>The allowlist, canonical entries (ApiKeyAllowlistEditor adds and removes them); empty: any address.</summary>
    public List<string> AllowedIps { get; } = [];

    public bool IsCustomExpiry => ExpiryId == ApiKeyExpiry.CustomId;
    public bool HasNoExpiry => ExpiryId == ApiKeyExpiry.NoneId;

    /// <summary>Custom expiry chosen but no date picked yet: the form is incomplete (not a rule of the key).</summary>
    public bool MissesCustomDate => IsCustomExpiry && CustomDate is null;

    public DateTimeOffset? ExpiresAt(DateTimeOffset now) => ExpiryId switch
    {
        ApiKeyExpiry.NoneId => null,
        ApiKeyExpiry.CustomId => CustomDate is { } date ? ApiKeyExpiry.EndOfDayUtc(date) : null,
        _ => ApiKeyExpiry.All.Single(e => e.Id == ExpiryId).From!(now),
    };

    /// <summary>Scopes in catalog order, so the request reads like the picker.</summary>
    public NewApiKey ToRequest(DateTimeOffset now) =>
        new(Name, ScopeCatalog.All.Where(s => Scopes.Contains(s.Name)).Select(s => s.Name).ToList(), ExpiresAt(now), [.. AllowedIps]);

    public bool? GroupState(string group)
    {
        var names = ScopeCatalog.All.Where(s => s.Group == group).Select(s => s.Name).ToList();
        var chosen = names.Count(Scopes.Contains);
        return chosen == 0 ? false : chosen == names.Count ? true : null;
    }

    /// <summary>Select-all for a group: selects every scope of it, or clears the group when all were selected.</summary>
    public void ToggleGroup(string group)
    {
        var all = GroupState(group) == true;
        foreach (var scope in ScopeCatalog.All.Where(s => s.Group == group))
            if (all) Scopes.Remove(scope.Name); else Scopes.Add(scope.Name);
    }

    public void SetScope(string scope, bool chosen)
    {
        if (chosen) Scopes.Add(scope); else Scopes.Remove(scope);
    }

    public void SelectReadOnly()
    {
        Scopes.Clear();
        Scopes.UnionWith(ScopeCatalog.All.Where(s => s.ReadOnly).Select(s => s.Name));
    }

    public void SelectFullAccess() => Scopes.UnionWith(ScopeCatalog.Names);

    public void ClearScopes() => Scopes.Clear();
}
