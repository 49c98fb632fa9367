using Boltly.Platform.Outbox;
using Boltly.Platform.Scheduling;

namespace Boltly.Platform.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Mail: queued in the caller's transaction, sent over SMTP by the outbox (docs/email.md).</summary>
    public static WebApplicationBuilder AddBoltlyEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOutboxOptions>().BindConfiguration(MailOutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailTemplates>();
        services.AddSingleton<IMailOutbox, MailOutbox>();
        services.AddSingleton<SmtpMailSender>();
        services.AddOutbox<MailOutboxHandler, QueuedMail, OutboxResult>();
        services.AddScheduledJob<SentMailPurgeJob>();
        return builder;
    }
}
