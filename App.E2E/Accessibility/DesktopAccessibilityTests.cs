using Boltly.E2E.Infrastructure;

namespace Boltly.E2E.Accessibility;

/// <summary>At desktop width, with the keyboard walk (Tab order and focus rings do not change with the width).</summary>
public sealed class DesktopAccessibilityTests(PortalUnderTest portal) : AccessibilityTests(portal)
{
    [Fact]
    public Task Every_page_and_dialog_meets_WCAG_2_2_AA_at_desktop_width() => WalkAsync("desktop", 1280, 800, checkKeyboard: true);
}
