using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Community.ServiceDefaults.Http;

/// <summary>
/// Every service's OpenAPI document tells a client the truth: it is reached at <c>/api/{service}</c> on the gateway
/// (never the service's own port), every operation but the anonymous ones needs a bearer token from the identity
/// provider and may answer 401 or 403, an operation that takes input may answer 400 (the validation every request
/// passes through), one with a path parameter 404, and every 4xx is <c>application/problem+json</c>.
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";
    private const string ProblemJson = "application/problem+json";

    public static IHostApplicationBuilder AddServiceOpenApi(this IHostApplicationBuilder builder, string service, string title, string description)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = title;
                document.Info.Description = description;
                document.Info.License = new OpenApiLicense { Name = "Proprietary — Yangcheng Guidu residents' committee", Identifier = "LicenseRef-Community" };
                document.Servers = [new OpenApiServer { Url = $"/api/{service}", Description = "Through the gateway: the only address clients use." }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from the identity provider (/connect/token, or the web app's sign-in).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DeclareRefusalsAsync);
        });
        return builder;
    }

    private static async Task DeclareRefusalsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.Responses ??= new OpenApiResponses();
        var problem = await SchemaAsync(context, typeof(ProblemDetails), nameof(ProblemDetails), cancellationToken);

        // The fallback policy makes every endpoint need a signed-in caller unless it says it is anonymous.
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            Declare(operation, StatusCodes.Status401Unauthorized, "No valid bearer token.", problem);
            Declare(operation, StatusCodes.Status403Forbidden, "The caller may not do this, or not to this record.", problem);
        }
        else
        {
            operation.Security = [new OpenApiSecurityRequirement()];
        }

        var takesInput = context.Description.ParameterDescriptions.Count > 0;
        if (takesInput)
        {
            var invalid = await SchemaAsync(context, typeof(HttpValidationProblemDetails), nameof(HttpValidationProblemDetails), cancellationToken);
            Declare(operation, StatusCodes.Status400BadRequest, "The input is not valid: the fields and what is wrong with each.", invalid);
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Path"))
        {
            Declare(operation, StatusCodes.Status404NotFound, "No such record.", problem);
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (status.Length == 3 && status[0] == '4' && response is OpenApiResponse { Content: { } content } && content.Remove("application/json", out var json))
            {
                content[ProblemJson] = json;
            }
        }
    }

    private static void Declare(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses!.ContainsKey(key))
        {
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = schema } },
            };
        }
    }

    /// <summary>A reference to the type's schema among the document's components, added there the first time.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(OpenApiOperationTransformerContext context, Type type, string id, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        return new OpenApiSchemaReference(id, document);
    }
}
