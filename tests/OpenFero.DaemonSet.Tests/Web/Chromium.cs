using Microsoft.Playwright;

namespace OpenFero.DaemonSet.Tests.Web;

/// <summary>
/// Debian's chromium, driven by Playwright (its driver ships in the NuGet package; no browser is downloaded). Missing,
/// a test fails in CI (where .ci/run installs it) and skips elsewhere, saying what to install, as the peers do.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            var message = $"{Executable} not found: install it (apt-get install chromium) to test the web pages in a browser";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable, Headless = true });
        // The machine is shared and a page's first read analyses a cluster: waiting assertions get room.
        Assertions.SetDefaultExpectTimeout(30_000);
        return new Chromium(playwright, browser);
    }

    /// <summary>A new page on the server, as a desktop (or with <paramref name="width"/>, a phone) sees it, with Basic credentials when given.</summary>
    public async Task<IPage> OpenAsync(HttpClient server, string path, (string User, string Password)? basic = null, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            HttpCredentials = basic is { } credentials ? new HttpCredentials { Username = credentials.User, Password = credentials.Password } : null,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
