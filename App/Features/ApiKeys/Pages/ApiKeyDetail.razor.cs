using Boltly.Components.Shared;
using Boltly.Features.Usage;
using Boltly.Platform.Auth;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Boltly.Features.ApiKeys.Pages;

/// <summary>A key's page (docs/dashboard.md): loading its settings, usage and requests, and its actions.</summary>
public partial class ApiKeyDetail
{

    /// <summary>Requests per page of the log on this page.</summary>
    public const int RequestsPerPage = 25;

    /// <summary>The status filters: all, or a class (the reader also takes an exact code; the page offers classes).</summary>
    public static readonly IReadOnlyList<(string? Value, string Label)> StatusFilters =
        [(null, "All"), ("2xx", "2xx"), ("4xx", "4xx"), ("5xx", "5xx")];

    private ApiKey? _key;
    private bool _notFound;
    private bool _loadFailed;
    private bool _loadingMore;
    private DateTimeOffset _now;
    private Caller? _caller;
    private Guid _keyId;
    // Whether the caller's role may revoke this key (RolePermissions), read with every load.
    private bool _mayManage;
    private UsageChartRange _range = UsageChartRange.Day;
    private IReadOnlyList<UsageBucket>? _buckets;
    private string? _status;
    private List<RequestLogEntry>? _requests;
    private string? _nextCursor;

    [Parameter] public string Id { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _caller = Caller.From((await AuthState).User);
        if (_caller is null) return;
        (_key, _notFound, _buckets, _requests, _nextCursor) = (null, false, null, null, null);
        if (!Guid.TryParse(Id, out _keyId))
        {
            _notFound = true;
            return;
        }
        await LoadAsync();
    }

    private async Task RetryAsync()
    {
        _loadFailed = false;
        StateHasChanged();
        await LoadAsync();
    }

    // Any failure shows an error with a way to try again: an exception here would end the circuit.
    private async Task LoadAsync()
    {
        try
        {
            _now = Clock.GetUtcNow();
            var key = await Keys.GetAsync(_caller!, _keyId);
            if (key is null)
            {
                _notFound = true;
                return;
            }
            _key = key;
            _mayManage = await Roles.MayManageKeyAsync(_caller!, key.CreatedByUserId);
            await LoadUsageAsync();
            await LoadRequestsAsync();
            _loadFailed = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Loading API key {KeyId} failed for user {UserId}", _keyId, _caller?.UserId);
            _loadFailed = true;
        }
    }

    private async Task LoadUsageAsync()
    {
        var (from, to) = _range.Window(Clock.GetUtcNow());
        var buckets = await Usage.ForKeyAsync(_caller!.AccountId, _keyId, from, to, _range.Granularity, CancellationToken.None);
        if (buckets is null) _notFound = true;
        else _buckets = _range.Fill(buckets, from);
    }

    private async Task LoadRequestsAsync(string? cursor = null)
    {
        var page = await Usage.RequestsAsync(_caller!.AccountId, _keyId, _status, new PageRequest(RequestsPerPage, cursor), CancellationToken.None);
        if (page is null)
        {
            _notFound = true;
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

    private async Task Guarded(Func<Task> load, string what)
    {
        try
        {
            await load();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Loading {What} of API key {KeyId} failed for user {UserId}", what, _keyId, _caller?.UserId);
            Snackbar.Add($"The {what} could not be loaded just now. Try again in a moment.", Severity.Error);
        }
    }

    private async Task RevokeAsync()
    {
        if (_caller is null || _key is null) return;
        var key = _key;
        var parameters = new DialogParameters<ApiKeyRevokeDialog> { { d => d.Name, key.Name }, { d => d.Prefix, key.Prefix } };
        await JS.InvokeVoidAsync("boltly.rememberFocus");
        var dialog = await Dialogs.ShowAsync<ApiKeyRevokeDialog>("Revoke key", parameters, ApiKeyRevokeDialog.Options);
        var result = await dialog.Result;
        if (result is null || result.Canceled
            || !await Reauthentication.EnsureAsync((await AuthState).User, "Revoking an API key needs you to confirm it’s you.", Client.Current))
        {
            await JS.InvokeVoidAsync("boltly.restoreFocus", "[data-testid=key-detail-revoke]", "h1");
            return;
        }
        try
        {
            if (await Keys.RevokeAsync(_caller, key.Id, Client.Current))
                Snackbar.Add($"“{key.Name}” ({key.Prefix}…) is revoked. It no longer works.", Severity.Success);
            else
                Snackbar.Add("That key no longer exists in this account.", Severity.Warning);
        }
        catch (Boltly.Platform.Errors.ReauthenticationRequiredException)
        {
            Snackbar.Add("Your confirmation has expired. Revoke the key again to confirm it’s you.", Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Revoking API key {Prefix} failed for user {UserId}", key.Prefix, _caller.UserId);
            Snackbar.Add("The key could not be revoked just now. Try again in a moment.", Severity.Error);
        }
        await LoadAsync();
        StateHasChanged();
        // The revoke button is gone now: focus goes to the heading.
        await JS.InvokeVoidAsync("boltly.restoreFocus", "h1");
    }

    private string When(DateTimeOffset at) => $"{RelativeTime.Format(at, _now)} ({RelativeTime.Absolute(at)})";

    private static string StatusText(string status) => status switch
    {
        ApiKeyStatus.Active => "Active: requests with this key are accepted.",
        ApiKeyStatus.Expired => "Expired: requests with this key are refused with 401.",
        _ => "Revoked: requests with this key are refused with 401.",
    };
}
