using System.Net;
using System.Net.Sockets;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// A key's IP allowlist (API.md "API key lifecycle"): at most <see cref="MaxEntries"/> IPv4/IPv6 addresses or CIDR
/// ranges. Entries are validated and stored in canonical form (<c>203.0.113.7</c>, <c>2001:db8::/32</c>); matching
/// uses <see cref="IPNetwork"/>, parsed once per cached key record. An empty list admits any address.
/// </summary>
public static class ApiKeyAllowlist
{
    public const int MaxEntries = 20;
    public const string Field = "allowed_ips";
    // The longest canonical IPv6 range ("ffff:…:ffff/128") is 43 characters; anything much longer is not an address.
    private const int MaxEntryLength = 64;

    /// <summary>The canonical entries, or the message naming the first offending entry.</summary>
    public static (string[] Entries, string? Problem) Normalize(IReadOnlyList<string?>? entries)
    {
        if (entries is null || entries.Count == 0) return ([], null);
        var canonical = new List<string>();
        foreach (var raw in entries)
        {
            var entry = raw?.Trim() ?? "";
            if (!TryCanonical(entry, out var value, out var problem)) return ([], problem);
            if (!canonical.Contains(value, StringComparer.Ordinal)) canonical.Add(value);
        }
        if (canonical.Count > MaxEntries) return ([], $"At most {MaxEntries} addresses or ranges; {canonical.Count} were given.");
        return (canonical.ToArray(), null);
    }

    /// <summary>One entry's canonical form: an address alone, or a range as <c>network/prefix</c>.</summary>
    public static bool TryCanonical(string entry, out string canonical, out string? problem)
    {
        canonical = "";
        problem = null;
        if (entry.Length == 0 || entry.Length > MaxEntryLength)
        {
            problem = $"\"{Shorten(entry)}\" is not an IPv4 or IPv6 address or CIDR range.";
            return false;
        }
        var slash = entry.IndexOf('/');
        var addressText = slash < 0 ? entry : entry[..slash];
        if (!TryAddress(addressText, out var address))
        {
            problem = $"\"{Shorten(entry)}\" is not an IPv4 or IPv6 address or CIDR range.";
            return false;
        }
        if (slash < 0)
        {
            canonical = address.ToString();
            return true;
        }
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefixText = entry[(slash + 1)..];
        if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit) || !int.TryParse(prefixText, out var prefix) || prefix > max)
        {
            problem = $"\"{Shorten(entry)}\" has a prefix length outside 0–{max}.";
            return false;
        }
        // A range with bits set past its prefix is most likely a typo for a host or another range: named, not guessed.
        if (!IPNetwork.TryParse($"{address}/{prefix}", out var network) || !network.BaseAddress.Equals(address))
        {
            var suggested = new IPNetwork(Mask(address, prefix), prefix);
            problem = $"\"{Shorten(entry)}\" has bits set past its prefix: did you mean {suggested}?";
            return false;
        }
        canonical = prefix == max ? address.ToString() : network.ToString();
        return true;
    }

    /// <summary>The networks of canonical entries (as stored): each entry parsed once, for a cached record.</summary>
    public static IPNetwork[] Parse(IReadOnlyList<string>? entries)
    {
        if (entries is null || entries.Count == 0) return [];
        var networks = new List<IPNetwork>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Contains('/') ? IPNetwork.TryParse(entry, out var network) : TryHost(entry, out network)) networks.Add(network);
        }
        return networks.ToArray();
    }

    /// <summary>Whether <paramref name="client"/> may use a key with these networks: any address when there are none; no
    /// address (none known) only then.</summary>
    public static bool Admits(IPNetwork[] networks, IPAddress? client)
    {
        if (networks.Length == 0) return true;
        if (client is null) return false;
        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; the allowlist names them as IPv4.
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        foreach (var network in networks)
            if (network.Contains(client)) return true;
        return false;
    }

    private static bool TryHost(string entry, out IPNetwork network)
    {
        network = default;
        if (!IPAddress.TryParse(entry, out var address)) return false;
        network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>Strict: IPv4 only as four dotted decimals (IPAddress.TryParse also takes "1" or "0x7f.1"), no IPv6 zone.</summary>
    private static bool TryAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!IPAddress.TryParse(text, out var parsed) || parsed is null) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            var parts = text.Split('.');
            if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit))) return false;
        }
        else if (parsed.AddressFamily != AddressFamily.InterNetworkV6 || text.Contains('%')) return false;
        if (parsed.IsIPv4MappedToIPv6) parsed = parsed.MapToIPv4();
        address = parsed;
        return true;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    private static string Shorten(string entry) => entry.Length <= MaxEntryLength ? entry : entry[..MaxEntryLength] + "…";
}
