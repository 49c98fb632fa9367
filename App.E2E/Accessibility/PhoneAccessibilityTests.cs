using Boltly.E2E.Infrastructure;

namespace Boltly.E2E.Accessibility;

/// <summary>At phone width (its own class, so the two widths run side by side).</summary>
public sealed class PhoneAccessibilityTests(PortalUnderTest portal) : AccessibilityTests(portal)
{
    [Fact]
    public Task Every_page_and_dialog_meets_WCAG_2_2_AA_at_phone_width() => WalkAsync("phone", 390, 844, checkKeyboard: false);
}
