namespace Boltly.Hosting;

public sealed class SeedOptions
{
    public const string Section = "Seed";
    public bool Enabled { get; set; } = true;
    public string AccountName { get; set; } = "Demo";
    public string DemoEmail { get; set; } = "demo@boltly.local";
    public string DemoPassword { get; set; } = "Demo-Password-123!";
}
