using System.Net;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// DNS for webhook targets in tests: this machine has no DNS server, so names under example.com answer
/// here (a public address, or on purpose an internal one); every other name goes to the real resolver.
/// </summary>
public sealed class TestHostNames : IWebhookHostResolver
{
    public static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.215.14");

    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["private.example.com"] = [IPAddress.Parse("10.0.0.1")],
        ["metadata.example.com"] = [IPAddress.Parse("169.254.169.254")],
        ["mixed.example.com"] = [PublicAddress, IPAddress.Loopback],
        ["unique-local.example.com"] = [IPAddress.Parse("fd12:3456::1")],
    };

    // Answers a test sets for its own name, one per lookup, the last repeated: a name that resolves to a public
    // address at creation and elsewhere at delivery (DNS rebinding).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentQueue<IPAddress[]>> InTurn =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>From now on <paramref name="host"/> answers these, one per lookup, the last one repeated.</summary>
    public static void AnswerInTurn(string host, params IPAddress[][] answers) => InTurn[host] = new(answers);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        InTurn.TryGetValue(host, out var turns) ? Task.FromResult(NextTurn(turns))
        : Names.TryGetValue(host, out var fixedAnswer) ? Task.FromResult(fixedAnswer)
        : host.EndsWith(".example.com", StringComparison.OrdinalIgnoreCase) || host.Equals("example.com", StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(new[] { PublicAddress })
            : new DnsWebhookHostResolver().ResolveAsync(host, ct);

    private static IPAddress[] NextTurn(System.Collections.Concurrent.ConcurrentQueue<IPAddress[]> turns)
    {
        lock (turns)
        {
            if (turns.Count > 1 && turns.TryDequeue(out var answer)) return answer;
            return turns.TryPeek(out var last) ? last : [];
        }
    }
}
