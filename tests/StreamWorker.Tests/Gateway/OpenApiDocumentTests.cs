using System.Net;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Tests.Gateway;

/// <summary>
/// The gateway serves its OpenAPI document, and <c>docs/openapi.json</c> is that document. CI lints the file
/// (<c>make docs-check</c>), so what a client reads and what the gateway serves cannot drift apart.
/// </summary>
[Trait("Layer", "Integration")]
[Collection(GatewayGroup.Name)]
public sealed class OpenApiDocumentTests(GatewayFixture fixture)
{
    /// <summary>Set to 1 to write the served document to <c>docs/openapi.json</c> instead of comparing (<c>make openapi</c>).</summary>
    public const string UpdateVariable = "STREAMWORKER_UPDATE_OPENAPI";

    private static readonly string CommittedPath = RepositoryPaths.File("docs", "openapi.json");

    [Fact]
    public async Task ServedDocument_EqualsDocsOpenApiJson()
    {
        var served = await ServedAsync();

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, served + "\n");
        }

        var committed = File.Exists(CommittedPath) ? (await File.ReadAllTextAsync(CommittedPath)).ReplaceLineEndings("\n").TrimEnd('\n') : "(missing)";
        Assert.True(
            committed == served,
            "docs/openapi.json is not what GET /openapi/v1.json serves. If the change to the API is intended, " +
            "regenerate the file with `make openapi` (runs this test with " + UpdateVariable + "=1) and commit it.");
    }

    [Fact]
    public async Task WebhooksOperation_DocumentsEveryStatus_AndRetryAfterWhereTheGatewaySendsIt()
    {
        using var document = JsonDocument.Parse(await ServedAsync());
        var post = document.RootElement.GetProperty("paths").GetProperty("/webhooks").GetProperty("post");
        var responses = post.GetProperty("responses");

        Assert.Equal(
            ["202", "400", "401", "413", "415", "422", "429", "503"],
            responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        foreach (var status in new[] { "429", "503" })
        {
            Assert.True(responses.GetProperty(status).GetProperty("headers").TryGetProperty("Retry-After", out _), status + " lacks Retry-After");
        }

        foreach (var status in new[] { "400", "413", "415", "422", "429", "503" })
        {
            Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status + " is not problem+json");
        }

        Assert.Equal(WebhookHeaders.SigningToken, document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("signingToken").GetProperty("name").GetString());
        Assert.True(post.GetProperty("requestBody").GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task Document_DescribesTheHealthAndMetricsEndpoints()
    {
        using var document = JsonDocument.Parse(await ServedAsync());
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[] { "/healthz", "/readyz", "/metrics" })
        {
            Assert.True(paths.GetProperty(path).TryGetProperty("get", out _), path);
        }
    }

    private async Task<string> ServedAsync()
    {
        using var response = await fixture.Instance.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).ReplaceLineEndings("\n").TrimEnd('\n');
    }
}
