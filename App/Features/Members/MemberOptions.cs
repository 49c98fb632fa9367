using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Members;

/// <summary>Members and invitations (docs/members.md), bound from <c>Members</c>.</summary>
public sealed class MemberOptions
{
    public const string Section = "Members";
    public const int MaxEmailLength = 256;

    /// <summary>How long an invitation link works.</summary>
    [Range(1, 30)]
    public int InvitationDays { get; set; } = 7;

    /// <summary>The most pending invitations an account may have at once.</summary>
    [Range(1, 1000)]
    public int MaxPendingInvitations { get; set; } = 50;
}
