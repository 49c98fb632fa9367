using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Boltly.Platform.Email;

/// <summary>Hands mail to the configured SMTP server with MailKit, one connection per batch (docs/email.md).</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> smtp, IOptions<EmailOptions> email)
{
    private const int ImplicitTlsPort = 465;
    private const int MillisecondsPerSecond = 1000;

    /// <summary>A connection, open and authenticated; the caller sends with <see cref="SendAsync"/> and disposes it.</summary>
    public async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        var options = smtp.Value;
        var client = new SmtpClient { Timeout = options.TimeoutSeconds * MillisecondsPerSecond };
        try
        {
            var security = !options.UseTls ? SecureSocketOptions.None
                : options.Port == ImplicitTlsPort ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.Host, options.Port, security, ct);
            if (!string.IsNullOrEmpty(options.Username)) await client.AuthenticateAsync(options.Username, options.Password ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task SendAsync(SmtpClient client, QueuedMail mail, CancellationToken ct)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(email.Value.From));
        message.To.Add(MailboxAddress.Parse(mail.ToAddress));
        message.Subject = mail.Subject;
        // The row's id: a receiver that sees a mail twice (a claim that outlived its lease) can tell.
        message.MessageId = $"{mail.Id:N}@boltly";
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        await client.SendAsync(message, ct);
    }
}
