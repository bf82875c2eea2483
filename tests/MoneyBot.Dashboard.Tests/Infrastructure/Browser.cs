using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace MoneyBot.Dashboard.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven by its chromedriver (explicit paths: nothing is downloaded), resolving no name
/// but loopback. Screenshots go to <c>artifacts/screenshots/</c> under the repository (kept by CI, never compared).
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";

    private readonly ChromeDriver _driver;

    public Browser()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(Path.Combine(DriverDirectory, "chromedriver")))
        {
            throw new InvalidOperationException(
                "the browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install chromium chromium-driver fonts-liberation (.ci/run installs them)"
            );
        }

        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--window-size=1400,1400",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
        );
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public IWebDriver Driver => _driver;

    /// <summary>Where screenshots go.</summary>
    public static string ScreenshotDirectory => Path.Combine(RepositoryLayout.Root, "artifacts", "screenshots");

    public void Open(Uri url) => _driver.Navigate().GoToUrl(url);

    /// <summary>Runs <paramref name="script"/> (which returns a value) in the page.</summary>
    public object? Script(string script, params object[] args) => _driver.ExecuteScript(script, args);

    /// <summary>What the current view's charts hold (<c>window.mbDashboard.page()</c>), as JSON.</summary>
    public JsonElement Page()
    {
        var json = Script("return JSON.stringify(window.mbDashboard ? window.mbDashboard.page() : null);") as string;
        using var document = JsonDocument.Parse(json ?? "null");
        return document.RootElement.Clone();
    }

    /// <summary>The elements matching <paramref name="css"/>.</summary>
    public IReadOnlyList<IWebElement> All(string css) => _driver.FindElements(By.CssSelector(css));

    /// <summary>
    /// The visible text of the first element matching <paramref name="css"/>, or null; read in one step in the page
    /// (the pages replace elements as data comes: a found element could be gone by the next step).
    /// </summary>
    public string? Text(string css) =>
        Script("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css) as string;

    /// <summary>An attribute of the first element matching <paramref name="css"/>, or null; read in one step.</summary>
    public string? Attribute(string css, string name) =>
        Script(
            "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
            css,
            name
        ) as string;

    public void Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        _driver.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotDirectory, name + ".png"));
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}
