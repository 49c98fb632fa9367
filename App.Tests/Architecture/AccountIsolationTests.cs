using System.Text.RegularExpressions;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Architecture;

/// <summary>
/// Account isolation has one style (docs/architecture.md, "Account isolation"): a service opens a context confined to
/// the caller's account and AppDbContext's query filter keeps every other account's rows out. No feature writes its own
/// <c>AccountId ==</c> beside it, and the few reads that must cross accounts say so with <c>IgnoreQueryFilters()</c> in
/// the files named here, each with its reason.
/// </summary>
public sealed partial class AccountIsolationTests
{
    /// <summary>Feature files that may compare an account id by hand, and why. None: the query filter does it.</summary>
    private static readonly Dictionary<string, string> HandWrittenFilterAllowed = new(StringComparer.Ordinal);

    /// <summary>Feature files whose reads cross accounts, and why.</summary>
    private static readonly Dictionary<string, string> CrossAccountReadsAllowed = new(StringComparer.Ordinal)
    {
        ["ApiKeys/ApiKeyValidator.cs"] = "a presented key is looked up by its hash before its account is known",
        ["Webhooks/WebhookDeliveryStore.cs"] = "the delivery worker fans out and claims every account's events",
        ["Webhooks/WebhookAttemptPurge.cs"] = "the scheduled purge deletes old deliveries of every account",
        ["Usage/UsagePurge.cs"] = "the scheduled purge deletes usage past retention of every account",
        ["Broadcasts/BroadcastService.cs"] = "the scheduler finds every account's due broadcasts",
        ["Members/InvitationService.cs"] = "an invitation link is looked up by its token before its account is known",
        ["ApiKeys/Leaks/LeakedKeyService.cs"] = "a reported key is looked up by its hash before its account is known",
        ["ApiKeys/Notices/KeyNoticeFinder.cs"] = "the notices job finds the keys due in every account",
        ["ApiKeys/Notices/KeyNoticeDigests.cs"] = "a person's digest names the keys of their notices, all of their own account",
    };

    [GeneratedRegex(@"AccountId\s*==")]
    private static partial Regex HandWrittenFilter();

    [Fact]
    public void No_feature_filters_by_account_by_hand()
    {
        var violations = Find(FeatureLines(), l => HandWrittenFilter().IsMatch(l.Text), HandWrittenFilterAllowed);
        Assert.True(violations.Count == 0,
            "Account isolation is the account query filter (open the context with CreateForAccountAsync), not a hand-written " +
            "AccountId == beside it:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Only_the_named_files_read_across_accounts()
    {
        var violations = Find(FeatureLines(), l => l.Text.Contains("IgnoreQueryFilters(", StringComparison.Ordinal), CrossAccountReadsAllowed);
        Assert.True(violations.Count == 0,
            "A read that crosses accounts is named in AccountIsolationTests with its reason; elsewhere the context is confined " +
            "to the caller's account:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_checks_fail_on_a_violation()
    {
        (string File, int Line, string Text)[] lines =
        [
            ("ApiKeys/ApiKeyService.cs", 1, "var query = db.ApiKeys.Where(k => k.AccountId == caller.AccountId);"),
            ("Webhooks/WebhookService.cs", 2, ".Where(s => caller.AccountId == s.AccountId)"),
            ("Usage/UsageReader.cs", 3, "var rows = db.UsageRollups.IgnoreQueryFilters().ToList();"),
            ("ApiKeys/ApiKeyValidator.cs", 4, "var key = db.ApiKeys.IgnoreQueryFilters().First();"),
            ("Members/MemberService.cs", 5, "var members = db.Users.Where(u => u.RemovedAt == null);"),
        ];
        var filters = Find(lines, l => HandWrittenFilter().IsMatch(l.Text), HandWrittenFilterAllowed);
        var reads = Find(lines, l => l.Text.Contains("IgnoreQueryFilters(", StringComparison.Ordinal), CrossAccountReadsAllowed);
        Assert.Equal(2, filters.Count);
        Assert.Contains("ApiKeyService.cs:1", filters[0], StringComparison.Ordinal);
        Assert.Contains("WebhookService.cs:2", filters[1], StringComparison.Ordinal);
        Assert.Equal(["  App/Features/Usage/UsageReader.cs:3: var rows = db.UsageRollups.IgnoreQueryFilters().ToList();"], reads);
    }

    private static List<string> Find(IEnumerable<(string File, int Line, string Text)> lines, Func<(string File, int Line, string Text), bool> matches,
        Dictionary<string, string> allowed) =>
        lines.Where(l => !allowed.ContainsKey(l.File) && !l.Text.StartsWith("//", StringComparison.Ordinal) && matches(l))
            .Select(l => $"  App/Features/{l.File}:{l.Line}: {l.Text}")
            .ToList();

    private static IEnumerable<(string File, int Line, string Text)> FeatureLines()
    {
        var features = Path.Combine(ExternalTool.RepositoryRoot, "App", "Features");
        return Directory.GetFiles(features, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(features, "*.razor", SearchOption.AllDirectories))
            .SelectMany(f => File.ReadLines(f).Select((line, i) =>
                (File: Path.GetRelativePath(features, f).Replace(Path.DirectorySeparatorChar, '/'), Line: i + 1, Text: line.Trim())));
    }
}
