using Boltly.Features.ApiKeys;
using Boltly.Platform.Auth;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Boltly.Features.Usage.Pages;

/// <summary>Loads a key's usage and its request log for the key's page, a page of requests at a time.</summary>
public partial class ApiKeyUsageSection
{
    /// <summary>Requests per page of the log.</summary>
    public const int RequestsPerPage = 25;

    /// <summary>The status filters: all, or a class (the reader also takes an exact code; the section offers classes).</summary>
    public static readonly IReadOnlyList<(string? Value, string Label)> StatusFilters =
        [(null, "All"), ("2xx", "2xx"), ("4xx", "4xx"), ("5xx", "5xx")];

    private ApiKey? _shown;
    private bool _loadingMore;
    private UsageChartRange _range = UsageChartRange.Day;
    private IReadOnlyList<UsageBucket>? _buckets;
    private string? _status;
    private List<RequestLogEntry>? _requests;
    private string? _nextCursor;

    /// <summary>The key the page shows (<see cref="ApiKeyPageSection.KeyParameter"/>), already read for the caller's account.</summary>
    [Parameter, EditorRequired] public ApiKey Key { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private bool IsActive => ApiKeyStatus.Of(Key, Clock.GetUtcNow()) == ApiKeyStatus.Active;

    // The page passes a freshly read key after each change (a revoke): the usage and the log are read again with it.
    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(Key, _shown)) return;
        _shown = Key;
        (_buckets, _requests, _nextCursor) = (null, null, null);
        await Guarded(LoadUsageAsync, "usage");
        await Guarded(() => LoadRequestsAsync(), "requests");
    }

    // The caller is read for each load: the session may have ended since the page opened.
    private async Task<Guid?> AccountAsync() => Caller.From((await AuthState).User)?.AccountId;

    private async Task LoadUsageAsync()
    {
        if (await AccountAsync() is not { } accountId) return;
        var (from, to) = _range.Window(Clock.GetUtcNow());
        var buckets = await Usage.ForKeyAsync(accountId, Key.Id, from, to, _range.Granularity, CancellationToken.None);
        _buckets = _range.Fill(buckets ?? [], from);
    }

    private async Task LoadRequestsAsync(string? cursor = null)
    {
        if (await AccountAsync() is not { } accountId) return;
        var page = await Usage.RequestsAsync(accountId, Key.Id, _status, new PageRequest(RequestsPerPage, cursor), CancellationToken.None);
        if (page is null)
        {
            _requests = [];
            return;
        }
        _requests = cursor is null ? [.. page.Data] : [.. _requests ?? [], .. page.Data];
        _nextCursor = page.HasMore ? page.NextCursor : null;
    }

    private async Task RangeChangedAsync(UsageChartRange range)
    {
        _range = range;
        _buckets = null;
        await Guarded(LoadUsageAsync, "usage");
    }

    private async Task StatusChangedAsync(string? status)
    {
        if (status == _status) return;
        _status = status;
        _requests = null;
        await Guarded(() => LoadRequestsAsync(), "requests");
    }

    private async Task MoreAsync()
    {
        _loadingMore = true;
        try { await Guarded(() => LoadRequestsAsync(_nextCursor), "older requests"); }
        finally { _loadingMore = false; }
    }

    // A failure shows a message and leaves the rest of the page working: an exception here would end the circuit.
    private async Task Guarded(Func<Task> load, string what)
    {
        try
        {
            await load();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Loading {What} of API key {KeyId} failed", what, Key.Id);
            Snackbar.Add($"The {what} could not be loaded just now. Try again in a moment.", Severity.Error);
        }
    }
}
