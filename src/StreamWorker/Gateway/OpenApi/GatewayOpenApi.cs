using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using StreamWorker.Events;

namespace StreamWorker.Gateway.OpenApi;

/// <summary>
/// The gateway's OpenAPI document (<c>GET /openapi/v1.json</c>, committed as <c>docs/openapi.json</c>).
/// <c>POST /webhooks</c> is described from its endpoint metadata; the transformers add what metadata cannot say
/// (the token, <c>Retry-After</c>, why each status happens) and the health and metrics endpoints, which are
/// not minimal-API handlers. Nothing here depends on the request, so every instance serves the same bytes.
/// </summary>
public static class GatewayOpenApi
{
    public const string DocumentName = "v1";
    public const string Route = "/openapi/{documentName}.json";

    private const string SecurityScheme = "signingToken";
    private const string ProblemJson = "application/problem+json";

    // The default of the option itself, so the document cannot drift from it (the committed document is the defaults').
    private static readonly int DefaultMaxBodyBytes = new GatewayOptions().MaxBodyBytes;

    private static readonly (string Status, string Description)[] WebhookResponses =
    [
        ("202", "Stored: the broker acknowledged the write (acks=all, idempotent producer). The same delivery sent again gets 202 and the same event_id. An unknown event name is stored as is and also gets 202."),
        ("400", "The body is not the envelope: not JSON, a key missing, repeated or of the wrong type, payload not a string holding a JSON object, timestamp not ISO 8601, or event not an identifier. errors names each bad field. Nothing is stored."),
        ("401", WebhookHeaders.SigningToken + " missing, repeated or not one of the configured tokens. Empty body."),
        ("413", $"The body is larger than Gateway:MaxBodyBytes ({DefaultMaxBodyBytes} bytes by default)."),
        ("415", "The content-type is not JSON (application/json or application/*+json)."),
        ("422", "A known event whose payload lacks a required field or has a wrong type or enumeration value (reason invalid_payload), or whose timestamp is more than Gateway:MaxClockSkew in the future (reason future_timestamp). The event was written to the dead-letter topic first; do not retry."),
        ("429", "This client address sent more than Gateway:RateLimit:PermitsPerSecond (plus Burst); only when the limit is on. Nothing is stored; retry after Retry-After seconds."),
        ("503", "Kafka is unavailable or did not acknowledge within Gateway:AckTimeout. Nothing was acknowledged, so retrying the same delivery after Retry-After seconds loses nothing and stores it once."),
    ];

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (context.Description.RelativePath == "webhooks")
                {
                    var envelope = await context.GetOrCreateSchemaAsync(typeof(WebhookEnvelope), null, cancellationToken);
                    context.Document!.AddComponent(nameof(WebhookEnvelope), envelope);
                    DescribeWebhooks(operation, new OpenApiSchemaReference(nameof(WebhookEnvelope), context.Document));
                }
            });
        });

    /// <summary>
    /// The metadata of <c>POST /webhooks</c> that the document is generated from. No <c>Accepts</c> metadata:
    /// routing would then answer a wrong content type with its own bare 415, before the endpoint's problem+json.
    /// </summary>
    public static RouteHandlerBuilder DescribeWebhookEndpoint(this RouteHandlerBuilder builder) =>
        builder
            .WithName("postWebhook")
            .WithTags("webhooks")
            .Produces<AcceptedEvent>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "StreamWorker gateway",
            Version = "1",
            Description = "Receives the conferencing platform's webhooks and stores each one in Kafka before answering. " +
                          "Statuses, limits and idempotency: docs/http-api.md; event types and fields: docs/webhook-events.md.",
        };
        // The generator would list the address of the request; a fixed one keeps the document identical everywhere.
        document.Servers = [new OpenApiServer { Url = "http://localhost:8080", Description = "make run (role all, embedded broker)" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = WebhookHeaders.SigningToken,
                Description = "The static secret the platform sends with every webhook (not an HMAC of the body). " +
                              "Compared in constant time with each of Gateway:SigningTokens; several may be valid at once for rotation.",
            },
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        // The generated ProblemDetails schemas allow a string status and null everywhere; these say what is sent.
        document.Components.Schemas["ProblemDetails"] = ProblemSchema(withErrors: false);
        document.Components.Schemas["HttpValidationProblemDetails"] = ProblemSchema(withErrors: true);
        if (document.Paths?["/webhooks"]?.Operations?[HttpMethod.Post] is { } webhooks)
        {
            webhooks.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
        }

        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "webhooks", Description = "Events from the conferencing platform." },
            new() { Name = "operations", Description = "Health and metrics, served by every role." },
        };
        document.Paths ??= new OpenApiPaths();
        document.Paths["/healthz"] = PlainGet(
            "getHealthz",
            "Liveness",
            "200 while the process runs. It checks nothing else, so a broker outage does not restart the pod.",
            ("200", "Healthy", "Healthy"));
        document.Paths["/readyz"] = PlainGet(
            "getReadyz",
            "Readiness",
            "Gateway: the producer reaches the cluster. Processor: every stream thread is RUNNING and no output record failed to be written. Role all: both.",
            ("200", "Ready", "Healthy"),
            ("503", "Not ready", "Unhealthy"));
        document.Paths["/metrics"] = PlainGet(
            "getMetrics",
            "Prometheus metrics",
            "Prometheus text exposition format; metric names and attributes are listed in docs/telemetry.md.",
            ("200", "The current metrics", "# TYPE streamworker_gateway_events_accepted_total counter"));
    }

    private static void DescribeWebhooks(OpenApiOperation operation, IOpenApiSchema envelope)
    {
        operation.Summary = "Receive one platform event";
        operation.Description = "Checks the token, the content type, the size and the envelope, validates the payload of a known event, " +
                                "and answers 202 only once Kafka acknowledged the write. Personal data (phone_number, meeting_url) is stored as Privacy:PersonalData says.";
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The envelope. The example is the platform's published one. Also accepted as application/*+json.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = envelope,
                    Example = new JsonObject
                    {
                        ["event"] = "conference_end",
                        ["payload"] = "{\"conference_id\":1258835,\"host_id\":61803}",
                        ["timestamp"] = "2022-08-24T20:56:55.000Z",
                    },
                },
            },
        };

        foreach (var (status, description) in WebhookResponses)
        {
            if (operation.Responses?.TryGetValue(status, out var response) != true || response is not OpenApiResponse concrete)
            {
                throw new InvalidOperationException($"POST /webhooks has no {status} response in its metadata.");
            }

            concrete.Description = description;
            if (status is "429" or "503")
            {
                concrete.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = status == "503"
                            ? "Seconds to wait before retrying: Gateway:RetryAfterSeconds (5 by default)."
                            : "Seconds until this client's rate limit has room again (at least 1).",
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                    },
                };
            }

            if (status is not ("202" or "401") && concrete.Content is { } content && content.Remove(ProblemJson, out var problem))
            {
                // Always this media type; the generic JSON entry the metadata adds would suggest otherwise.
                content.Clear();
                content[ProblemJson] = problem;
            }
        }
    }

    private static OpenApiSchema ProblemSchema(bool withErrors)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, for a person." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status code." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What to change or when to retry." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "W3C trace id of the request, to find it in traces." },
            },
        };
        if (withErrors)
        {
            schema.Required.Add("errors");
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each bad field (event, payload, timestamp, body, or a payload field such as participant_id) with its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = text },
            };
        }

        return schema;
    }

    private static OpenApiPathItem PlainGet(string operationId, string summary, string description, params (string Status, string Description, string Example)[] responses)
    {
        var operation = new OpenApiOperation
        {
            OperationId = operationId,
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new("operations") },
            Security = [],
            Responses = new OpenApiResponses(),
        };
        foreach (var (status, text, example) in responses)
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(example) },
                },
            };
        }

        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }
}
