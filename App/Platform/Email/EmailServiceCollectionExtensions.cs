namespace Boltly.Platform.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Mail: queued in the caller's transaction, sent over SMTP by the outbox (docs/email.md).</summary>
    public static WebApplicationBuilder AddBoltlyEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMailOutbox, UnsentMailOutbox>();
        return builder;
    }
}
