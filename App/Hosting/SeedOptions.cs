namespace Boltly.Hosting;

public sealed class SeedOptions
{
    public const string Section = "Seed";
    public bool Enabled { get; set; } = true;
    public string AccountName { get; set; } = "Demo";
    public string DemoEmail { get; set; } = "demo@boltly.local";
    public string DemoPassword { get; set; } = "Demo-Password-123!";

    /// <summary>The second demo account (Development only): one member of each role, <c>&lt;role&gt;@</c> this domain,
    /// all with <see cref="DemoPassword"/>, so isolation and roles can be tried by hand.</summary>
    public string TeamAccountName { get; set; } = "Acme";
    public string TeamEmailDomain { get; set; } = "acme.boltly.local";
}
