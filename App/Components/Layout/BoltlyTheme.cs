using MudBlazor;

namespace Boltly.Components.Layout;

/// <summary>
/// The dashboard's palette. Every colour that carries text or marks a control holds WCAG 2.2 AA against white
/// and against its own light tint (MudBlazor's alerts and text buttons lay the colour on a 6–8% wash of itself):
/// 4.5:1 for text (chips, snackbars, alerts, status words, secondary text), 3:1 for input borders and the focus
/// ring. MudBlazor's defaults (#00c853, #ff9800, #f44336, #2196f3) are 2.2–3.7:1 with white text; the E2E
/// accessibility check fails on any of them (docs/accessibility.md).
/// </summary>
public static class BoltlyTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4F46E5",            // 6.3:1 on white; the focus ring too
            Secondary = "#0369A1",          // 5.9:1
            Info = "#1D4ED8",               // 6.7:1
            Success = "#15803D",            // 5.0:1: "active", "success", the 2FA "On" chip, confirmations
            Warning = "#B45309",            // 5.0:1: "expired", "failure", keys about to expire, the one-time warnings
            Error = "#B91C1C",              // 6.5:1: errors, Revoke
            TextSecondary = "#52525B",      // 7.7:1 on white, 7.1:1 on a hovered row
            // Disabled controls are exempt from the contrast rule, but a disabled "Create API key" still has to be
            // read: 3.9:1 on white, and still plainly fainter than enabled text.
            TextDisabled = "rgba(0,0,0,0.5)",
            ActionDisabled = "rgba(0,0,0,0.5)",
            LinesInputs = "#767676",        // 4.5:1: an input's outline is what shows where to type
            AppbarBackground = "#312E81",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
