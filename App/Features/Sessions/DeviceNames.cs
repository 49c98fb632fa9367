namespace Boltly.Features.Sessions;

/// <summary>
/// A readable device name ("Chrome on Linux") from a user agent. No user-agent parsing library is served to this
/// build (UAParser, the one we wanted, is not on the package feed: docs/sessions.md), so this is the smallest honest
/// stand-in: ordered token tables, first match wins, and anything unknown is "Unknown browser" rather than a guess.
/// It names; it never decides anything about security (a device is recognised by its <see cref="DeviceCookie"/>).
/// </summary>
public static class DeviceNames
{
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"), ("CriOS/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public const string Unknown = "Unknown device";

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return Unknown;
        var browser = First(Browsers, userAgent);
        var system = First(Systems, userAgent);
        return (browser, system) switch
        {
            (null, null) => Unknown,
            (not null, null) => browser,
            (null, not null) => $"Unknown browser on {system}",
            _ => $"{browser} on {system}",
        };
    }

    private static string? First((string Token, string Name)[] table, string userAgent)
    {
        foreach (var (token, name) in table)
            if (userAgent.Contains(token, StringComparison.Ordinal)) return name;
        return null;
    }
}
