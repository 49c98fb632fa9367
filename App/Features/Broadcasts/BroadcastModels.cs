using System.ComponentModel.DataAnnotations;
namespace Boltly.Features.Broadcasts;

public sealed record BroadcastResponse(Guid Id, string Name, Guid TemplateId, IReadOnlyList<string> AudienceTags, IReadOnlyList<string> Variables,
    string Status, DateTimeOffset? ScheduledAt, DateTimeOffset? SentAt, int RecipientCount, DateTimeOffset CreatedAt)
{
    public static BroadcastResponse From(Broadcast b) =>
        new(b.Id, b.Name, b.TemplateId, b.AudienceTags, b.Variables, b.Status, b.ScheduledAt, b.SentAt, b.RecipientCount, b.CreatedAt);
}

/// <param name="TemplateId">A template of the account that is not a draft (submit it first).</param>
/// <param name="AudienceTags">The broadcast goes to every contact with any of these tags.</param>
/// <param name="Variables">One value per template placeholder: variables[0] fills {{1}}.</param>
/// <param name="ScheduledAt">A future time makes the broadcast scheduled; without it, a draft.</param>
public sealed record CreateBroadcastRequest([Required] string? Name, [Required] Guid? TemplateId, [Required] IReadOnlyList<string?>? AudienceTags,
    IReadOnlyList<string?>? Variables, DateTimeOffset? ScheduledAt);
