using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Email;

/// <summary>The SMTP server mail is handed to (docs/email.md). run.sh and test.sh point it at smtp4dev.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";
    public const int MaxPort = 65535;

    [Required] public string Host { get; set; } = "127.0.0.1";
    [Range(1, MaxPort)] public int Port { get; set; } = 25;

    /// <summary>Empty: no authentication.</summary>
    public string? Username { get; set; }

    /// <summary>Read from configuration only; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>TLS required: implicit TLS on port 465, STARTTLS on any other port. Off: plain SMTP (local servers).</summary>
    public bool UseTls { get; set; }

    /// <summary>Connect, send and every other SMTP step each give up after this long.</summary>
    [Range(1, 300)] public int TimeoutSeconds { get; set; } = 30;
}
