namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>A fact that needs headless Chromium; skipped, with the reason shown, where /usr/bin/chromium is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"headless Chromium ({ChromiumPath}) is not installed; scripts/ensure-chromium.sh installs it";
        }
    }
}
