namespace Boltly.E2E.Accessibility;

/// <summary>Fails at once, without a browser, when the navigation gains a page the accessibility walk does not check.</summary>
public sealed class NavigationAccessibilityCoverageTests
{
    [Fact]
    public void Every_navigation_item_has_an_accessibility_check() => AccessibilityTests.AssertEveryNavigationItemHasACheck();
}
